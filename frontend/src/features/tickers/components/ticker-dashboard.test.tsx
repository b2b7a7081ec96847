import { Code, ConnectError } from "@connectrpc/connect";
import { SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerStoreProvider, type TickerStoreSettings } from "../hooks/ticker-store-context.js";
import { createFakePriceService, type FakePriceService } from "../testing/fake-price-service.js";
import { TickerDashboard } from "./ticker-dashboard.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const STORAGE_KEY = "crypto-stream.tickers.v1";

function renderDashboard(settings: TickerStoreSettings = {}, fake = createFakePriceService()) {
  const view = render(
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, random: () => 0.5, ...settings }}>
        <TickerDashboard />
      </TickerStoreProvider>
    </TransportProvider>,
  );
  return { fake, view, user: userEvent.setup() };
}

/** unmountAndCheck unmounts the page and waits for the fake to see its stream cancelled. */
async function unmountAndCheck(view: { unmount(): void }, fake: FakePriceService) {
  const watch = fake.latest();
  view.unmount();
  await waitFor(() => expect(watch.aborted).toBe(true));
}

const shownSymbols = () =>
  screen.queryAllByRole("listitem").map((item) => within(item).getByRole("heading").textContent);
const card = (symbol: string) => screen.getByRole("listitem", { name: symbol });
const connection = () => screen.getByRole("status", { name: "Connection" });
const tickerInput = () => screen.getByRole("combobox", { name: "Ticker" });

describe("TickerDashboard", () => {
  it("when a first visit opens the page, then BTCUSD, ETHUSD and SOLUSD load in order on one stream", async () => {
    const { fake, view } = renderDashboard();
    expect(screen.getByRole("list", { name: "Tickers" })).toBeTruthy();
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    expect(within(card("ETHUSD")).getByText("Loading…")).toBeTruthy();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(fake.watches).toHaveLength(1);
    expect(fake.latest().requested).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);

    await unmountAndCheck(view, fake);
  });

  it("when tickers are added with the button and with Enter, then the grid stays sorted", async () => {
    const { fake, view, user } = renderDashboard();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    fake.latest().quote("ETHUSD", "3500.1");

    await user.type(tickerInput(), "  xrpusd ");
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"]);
    expect((tickerInput() as HTMLInputElement).value).toBe("");

    await user.type(tickerInput(), "adausd{Enter}");
    expect(shownSymbols()).toEqual(["ADAUSD", "BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"]);
    await user.type(tickerInput(), "coinbase:btcusd{Enter}");
    expect(shownSymbols()).toEqual(["ADAUSD", "BTCUSD", "COINBASE:BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"]);
    expect(screen.getByText("COINBASE:BTCUSD added.")).toBeTruthy();

    await waitFor(() => expect(fake.updates).toHaveLength(3));
    expect(fake.updates.map((u) => u.add)).toEqual([["XRPUSD"], ["ADAUSD"], ["COINBASE:BTCUSD"]]);
    fake.latest().quote("ADAUSD", "0.45");
    await waitFor(() => expect(within(card("ADAUSD")).getByText("0.45")).toBeTruthy());
    expect(shownSymbols()).toEqual(["ADAUSD", "BTCUSD", "COINBASE:BTCUSD", "ETHUSD", "SOLUSD", "XRPUSD"]);

    await unmountAndCheck(view, fake);
  });

  it("when the input is a duplicate or malformed, then a message shows inline and nothing is sent", async () => {
    const { fake, view, user } = renderDashboard();
    await waitFor(() => expect(connection().textContent).toContain("Live"));

    await user.type(tickerInput(), "binance:btcusd{Enter}");
    expect(screen.getByText("BTCUSD is already in the list.")).toBeTruthy();
    expect(tickerInput().getAttribute("aria-invalid")).toBe("true");
    expect((tickerInput() as HTMLInputElement).value).toBe("binance:btcusd");

    await user.clear(tickerInput());
    expect(screen.queryByText("BTCUSD is already in the list.")).toBeNull();
    await user.type(tickerInput(), "btc usd{Enter}");
    expect(screen.getByText(/"BTC USD" is not a ticker/)).toBeTruthy();
    await user.clear(tickerInput());
    await user.click(screen.getByRole("button", { name: "Add" }));
    expect(screen.getByText(/Enter a ticker/)).toBeTruthy();

    expect(fake.updates).toEqual([]);
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    await unmountAndCheck(view, fake);
  });

  it("when the server reports every state, then each card shows it clearly", async () => {
    const initialSymbols = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"];
    const { fake, view, user } = renderDashboard({ initialSymbols });
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    fake.refuseUpdate = () => {
      throw new ConnectError("symbol cap of 6 reached", Code.ResourceExhausted);
    };
    const watch = fake.latest();
    const at = Date.UTC(2026, 0, 2, 3, 4, 5);
    watch.quote("BBB", "97123.450", at);
    watch.quote("BBB", "97123.46", at + 1000);
    watch.quote("CCC", "5.5", at);
    watch.status("CCC", SymbolState.RECONNECTING, "the page went silent");
    watch.status("DDD", SymbolState.NOT_FOUND, "TradingView has no such symbol");
    watch.status("EEE", SymbolState.FAILED, "no price after 5 attempts");
    await waitFor(() => expect(within(card("EEE")).getByText("Failed")).toBeTruthy());

    expect(within(card("AAA")).getByText("Loading…")).toBeTruthy();
    const live = within(card("BBB"));
    expect(live.getByText("97,123.46")).toBeTruthy();
    expect(live.getByText("▲")).toBeTruthy();
    expect(live.getByText(/Updated/).querySelector("time")?.getAttribute("dateTime")).toBe(
      new Date(at + 1000).toISOString(),
    );
    const reconnecting = within(card("CCC"));
    expect(reconnecting.getByText("Reconnecting")).toBeTruthy();
    expect(reconnecting.getByText("the page went silent")).toBeTruthy();
    expect(reconnecting.getByText(/Last update/)).toBeTruthy();
    expect(within(card("DDD")).getByText("Not found")).toBeTruthy();
    expect(within(card("DDD")).getByText("TradingView has no such symbol")).toBeTruthy();
    expect(within(card("EEE")).getByText("no price after 5 attempts")).toBeTruthy();
    // The polite live region has said each of them: a render after the one that showed the cards.
    await waitFor(() => expect(screen.getByText("EEE failed.")).toBeTruthy());
    expect(screen.getByText("DDD not found.")).toBeTruthy();

    // A ticker the server refuses shows the server's own words.
    await user.type(tickerInput(), "ggg{Enter}");
    await waitFor(() => expect(within(card("GGG")).getByText("Rejected")).toBeTruthy());
    expect(within(card("GGG")).getByText("symbol cap of 6 reached")).toBeTruthy();

    await unmountAndCheck(view, fake);
  });

  it("when Remove is pressed, then the card goes, the server is told, and focus returns to the input", async () => {
    const { fake, view, user } = renderDashboard();
    await waitFor(() => expect(connection().textContent).toContain("Live"));

    await user.click(screen.getByRole("button", { name: "Remove ETHUSD" }));
    expect(shownSymbols()).toEqual(["BTCUSD", "SOLUSD"]);
    expect(document.activeElement).toBe(tickerInput());
    await waitFor(() => expect(fake.updates).toEqual([{ watchId: "watch-1", add: [], remove: ["ETHUSD"] }]));
    expect(screen.getByText("ETHUSD removed.")).toBeTruthy();
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null")).toEqual(["BINANCE:BTCUSD", "BINANCE:SOLUSD"]);

    await unmountAndCheck(view, fake);
  });

  it("when only the keyboard is used, then tickers can be added and removed", async () => {
    const { fake, view, user } = renderDashboard({ initialSymbols: ["BTCUSD"] });
    await waitFor(() => expect(connection().textContent).toContain("Live"));

    await user.tab();
    expect(document.activeElement).toBe(tickerInput());
    await user.keyboard("ethusd{Enter}");
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD"]);
    await user.tab(); // the Add button
    await user.tab(); // the Sort picker
    await user.tab(); // the Keys button
    await user.tab(); // the first card's remove button
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Remove BTCUSD" }));
    await user.keyboard("{Enter}");
    expect(shownSymbols()).toEqual(["ETHUSD"]);

    await unmountAndCheck(view, fake);
  });

  it("when the connection drops and returns, then the indicator and cards say so", async () => {
    const fast = { initialMs: 30, maxMs: 30, jitter: 0 };
    const fake = createFakePriceService();
    const { view } = renderDashboard({ initialSymbols: ["BTCUSD"], backoff: fast }, fake);
    expect(connection().textContent).toContain("Connecting");
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    fake.latest().quote("BTCUSD", "100");
    await waitFor(() => expect(within(card("BTCUSD")).getByText("100")).toBeTruthy());

    fake.latest().fail(new ConnectError("server is going away", Code.Unavailable));
    await waitFor(() => expect(connection().textContent).toContain("Reconnecting"));
    expect(within(card("BTCUSD")).getByText("Reconnecting")).toBeTruthy();
    expect(within(card("BTCUSD")).getByText("100")).toBeTruthy(); // kept, marked stale
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    fake.latest().quote("BTCUSD", "99.5");
    await waitFor(() => expect(within(card("BTCUSD")).getByText("▼")).toBeTruthy());
    expect(shownSymbols()).toEqual(["BTCUSD"]);

    await unmountAndCheck(view, fake);
  });

  it("when reconnects keep failing, then the indicator reads Offline", async () => {
    const fast = { initialMs: 5, maxMs: 5, jitter: 0 };
    const fake = createFakePriceService({ autoStart: false });
    const { view } = renderDashboard({ initialSymbols: ["BTCUSD"], backoff: fast }, fake);
    for (let n = 1; n <= 3; n++) {
      await waitFor(() => expect(fake.watches).toHaveLength(n));
      fake.latest().fail(new ConnectError("connection refused", Code.Unavailable));
    }
    await waitFor(() => expect(connection().textContent).toContain("Offline"));

    await waitFor(() => expect(fake.watches).toHaveLength(4));
    await unmountAndCheck(view, fake);
  });

  it("when the page is reloaded, then the same tickers come back and are watched again", async () => {
    const first = renderDashboard();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    await first.user.type(tickerInput(), "dogeusd{Enter}");
    await first.user.click(screen.getByRole("button", { name: "Remove SOLUSD" }));
    await unmountAndCheck(first.view, first.fake);

    const second = renderDashboard();
    expect(shownSymbols()).toEqual(["BTCUSD", "DOGEUSD", "ETHUSD"]);
    await waitFor(() => expect(second.fake.watches).toHaveLength(1));
    // Asked for with their exchange named: the list means the same markets whatever the default is.
    expect(second.fake.latest().requested).toEqual(["BINANCE:BTCUSD", "BINANCE:DOGEUSD", "BINANCE:ETHUSD"]);
    await unmountAndCheck(second.view, second.fake);
  });

  it("when 30 tickers are watched, then all show, sorted, on one stream", async () => {
    const initialSymbols = Array.from({ length: 30 }, (_, i) => `T${(i * 7) % 30}USD`);
    const { fake, view } = renderDashboard({ initialSymbols });
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    for (const symbol of initialSymbols) fake.latest().quote(symbol, "1.0");
    await waitFor(() => expect(screen.getAllByText("1.0")).toHaveLength(30));
    expect(shownSymbols()).toEqual([...initialSymbols].sort());
    expect(fake.watches).toHaveLength(1);

    await unmountAndCheck(view, fake);
  });
});
