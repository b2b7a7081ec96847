import { timestampFromMs } from "@bufbuild/protobuf/wkt";
import type { Transport } from "@connectrpc/connect";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { ActivityKind, StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createBearerInterceptor, createTokenStorage, createTokenStore } from "../features/access/index.js";
import { createFakeStatusService, type FakeStatusService } from "../features/status/testing/fake-status-service.js";
import { createFakePriceService } from "../features/tickers/testing/fake-price-service.js";
import type { Logger } from "../lib/log.js";
import { App } from "./app.js";
import { AppProviders } from "./providers.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** oneTransport serves StatusService from `status` and everything else from `prices`, as one server does. */
function oneTransport(status: Transport, prices: Transport): Transport {
  const pick = (typeName: string) => (typeName === StatusService.typeName ? status : prices);
  return {
    unary: (method, ...rest) => pick(method.parent.typeName).unary(method, ...rest),
    stream: (method, ...rest) => pick(method.parent.typeName).stream(method, ...rest),
  };
}

/** openPage renders the whole page as main.tsx wires it, over one transport to both fakes. */
function openPage(options: { requiredToken?: string } = {}) {
  const tokens = createTokenStore({ storage: createTokenStorage({ session: sessionStorage, local: localStorage }, quiet), log: quiet });
  const interceptors = [createBearerInterceptor(tokens)];
  const status = createFakeStatusService({ interceptors });
  status.requiredToken = options.requiredToken;
  const prices = createFakePriceService({ interceptors });
  const view = render(
    <AppProviders
      transport={oneTransport(status.transport, prices.transport)}
      tokens={tokens}
      tickerSettings={{ log: quiet, initialSymbols: [] }}
      statusSettings={{ log: quiet, pollIntervalMs: 10, random: () => 0.5 }}
    >
      <App />
    </AppProviders>,
  );
  const close = async () => {
    view.unmount();
    tokens.close();
    await waitFor(() => expect(status.streams.every((stream) => !stream.open)).toBe(true));
  };
  return { status, tokens, close, user: userEvent.setup() };
}

const button = () => screen.getByRole("button", { name: "Status" });
const panel = () => screen.queryByRole("region", { name: "Server status" });
// By tag, not by role: computing the role of 300 rows on every poll of `waitFor` is slow.
const items = () => [...screen.getByRole("log", { name: "Activity" }).querySelectorAll("li")];

function watchLinkusd(fake: FakeStatusService) {
  fake.status = {
    symbols: [
      { symbol: "LINKUSD", state: SymbolState.LIVE, subscribers: 2, pageOpenedAt: timestampFromMs(Date.now() - 60_000), lastChangedAt: timestampFromMs(Date.now()) },
    ],
    generatedAt: timestampFromMs(Date.now()),
  };
}

describe("the Status view", () => {
  it("when the Status button is pressed, then the view opens with the symbols and activity, and pressing it again closes it and its calls", async () => {
    const page = openPage();
    watchLinkusd(page.status);
    page.status.emit(ActivityKind.SYMBOL_WATCHED, "LINKUSD", "LINKUSD: watched");
    page.status.emit(ActivityKind.PAGE_OPENED, "LINKUSD", "LINKUSD: page opened");
    expect(button().getAttribute("aria-expanded")).toBe("false");
    expect(panel()).toBeNull(); // hidden
    const controlled = document.getElementById(button().getAttribute("aria-controls") ?? "");
    expect(controlled?.hidden).toBe(true);
    expect(page.status.getStatusCalls).toBe(0);

    await page.user.click(button());
    expect(button().getAttribute("aria-expanded")).toBe("true");
    expect(panel()).toBe(controlled);
    const table = screen.getByRole("table", { name: "Watched symbols" });
    const headers = within(table).getAllByRole("columnheader").map((th) => th.textContent);
    expect(headers).toEqual(["Symbol", "State", "Subscribers", "Page open since", "Last change"]);
    const row = await screen.findByRole("row", { name: /LINKUSD/ });
    expect(within(row).getByRole("rowheader").textContent).toBe("LINKUSD");
    expect(within(row).getAllByRole("cell").map((td) => td.textContent).slice(0, 2)).toEqual(["Live", "2"]);
    expect(within(row).getAllByRole("cell")[2]!.querySelector("time")).toBeTruthy();
    const log = screen.getByRole("log", { name: "Activity" });
    expect(log.getAttribute("aria-live")).toBe("off");
    await waitFor(() => expect(items().map((li) => li.textContent)).toEqual([
      expect.stringMatching(/page opened.*LINKUSD: page opened$/),
      expect.stringMatching(/watched.*LINKUSD: watched$/),
    ]));

    await page.user.click(button());
    expect(button().getAttribute("aria-expanded")).toBe("false");
    expect(panel()).toBeNull();
    await waitFor(() => expect(page.status.latest().aborted).toBe(true));
    const calls = page.status.getStatusCalls;
    await pause(50);
    expect(page.status.getStatusCalls).toBe(calls);
    await page.close();
  });

  it("when the button is used from the keyboard, then Enter and Space open and close the view", async () => {
    const page = openPage();
    // The header's controls come in order (Compact, then Status): tab until Status has the focus.
    for (let presses = 0; presses < 5 && document.activeElement !== button(); presses++) await page.user.tab();
    expect(document.activeElement).toBe(button());
    await page.user.keyboard("{Enter}");
    expect(panel()).toBeTruthy();
    await page.user.keyboard(" ");
    expect(panel()).toBeNull();
    expect(document.activeElement).toBe(button());
    await page.close();
  });

  it("when more than 300 events arrive, then the list shows the newest 300, newest first", async () => {
    const page = openPage();
    for (let n = 1; n <= 310; n++) page.status.emit(ActivityKind.PAGE_LIVE, "BTCUSD", `event ${n}`);
    await page.user.click(button());
    await waitFor(() => expect(items()).toHaveLength(300), { timeout: 5_000 });
    page.status.emit(ActivityKind.PAGE_CLOSED, "BTCUSD", "event 311");
    await waitFor(() => expect(items()[0]!.textContent).toContain("event 311"), { timeout: 5_000 });
    expect(items()).toHaveLength(300);
    expect(items().at(-1)!.textContent).toContain("event 12");
    await page.close();
  });

  it("when paused, then new events wait with a count, and Resume shows them on top", async () => {
    const page = openPage();
    page.status.emit(ActivityKind.SYMBOL_WATCHED, "BTCUSD", "first");
    await page.user.click(button());
    await waitFor(() => expect(items()).toHaveLength(1));

    await page.user.click(screen.getByRole("button", { name: "Pause" }));
    page.status.emit(ActivityKind.PAGE_OPENED, "BTCUSD", "second");
    page.status.emit(ActivityKind.PAGE_LIVE, "BTCUSD", "third");
    await waitFor(() => expect(screen.getByText("2 new events waiting")).toBeTruthy());
    expect(items().map((li) => li.textContent)).toEqual([expect.stringContaining("first")]);

    await page.user.click(screen.getByRole("button", { name: "Resume" }));
    expect(items().map((li) => li.textContent)).toEqual([
      expect.stringContaining("third"),
      expect.stringContaining("second"),
      expect.stringContaining("first"),
    ]);
    expect(screen.queryByText(/waiting/)).toBeNull();
    expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy();
    await page.close();
  });

  it("when the server wants a token for its status, then the page asks for it, and with it the view fills", async () => {
    const page = openPage({ requiredToken: "correct-horse-battery-staple" });
    watchLinkusd(page.status);
    await page.user.click(button());
    await waitFor(() => expect(screen.getByRole("region", { name: "This server needs an access token" })).toBeTruthy());
    expect(screen.getByText("The server needs an access token to show its status.")).toBeTruthy();
    expect(page.status.streams).toHaveLength(0);

    await page.user.type(screen.getByLabelText("Access token"), "correct-horse-battery-staple");
    await page.user.click(screen.getByRole("button", { name: "Use token" }));
    await screen.findByRole("row", { name: /LINKUSD/ });
    await waitFor(() => expect(page.status.streams).toHaveLength(1));
    expect(page.status.latest().authorization).toBe("Bearer correct-horse-battery-staple");
    await page.close();
  });
});
