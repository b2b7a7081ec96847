import { render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { Code, ConnectError } from "@connectrpc/connect";
import { CrossDirection, SymbolState } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import type { AlertNotifier } from "../api/alert-notifier.js";
import { TickerStoreProvider, type TickerStoreSettings } from "../hooks/ticker-store-context.js";
import { createFakePriceService } from "../testing/fake-price-service.js";
import { AlertSoundToggle } from "./alert-sound-toggle.js";
import { CompactToggle } from "./compact-toggle.js";
import { TickerDashboard } from "./ticker-dashboard.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };

/** fakeAudio is an audio context that records the time of each beep started on it. */
function fakeAudio(beeps: number[]): () => AudioContext {
  const param = { value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} };
  const node = { connect: (next: unknown) => next };
  return () =>
    ({
      state: "running",
      currentTime: 0,
      destination: {},
      createGain: () => ({ ...node, gain: param }),
      createOscillator: () => ({ ...node, frequency: param, start: (at: number) => beeps.push(at), stop() {} }),
    }) as unknown as AudioContext;
}
const MINUTE = 60_000;

function renderPage(settings: TickerStoreSettings = {}) {
  const fake = createFakePriceService();
  const notifier: AlertNotifier = { ask: vi.fn(), show: vi.fn() };
  const page = () => (
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, notifier, initialSymbols: ["BTCUSD"], ...settings }}>
        <CompactToggle />
        <AlertSoundToggle />
        <TickerDashboard />
      </TickerStoreProvider>
    </TransportProvider>
  );
  const view = render(page());
  return { fake, notifier, view, page, user: userEvent.setup() };
}

async function live(fake: ReturnType<typeof createFakePriceService>) {
  await waitFor(() => expect(screen.getByRole("status", { name: "Connection" }).textContent).toContain("Live"));
  return fake.latest();
}

async function unmountAndCheck(view: { unmount(): void }, fake: ReturnType<typeof createFakePriceService>) {
  const watch = fake.latest();
  view.unmount();
  await waitFor(() => expect(watch.aborted).toBe(true));
}

const card = (symbol: string) => within(screen.getByRole("listitem", { name: symbol }));
/** changeShown is the day's change as a card shows it to the eye. */
const changeShown = (symbol: string) =>
  screen.getByRole("listitem", { name: symbol }).querySelector(".ticker-change > [aria-hidden]")?.textContent;
const polylinePoints = (svg: Element) => svg.querySelector("polyline")?.getAttribute("points")?.split(" ") ?? [];

describe("a card's market context", () => {
  it("when a history arrives and then live quotes, then the sparkline starts full and grows, and the change reads up or down", async () => {
    const { fake, view } = renderPage();
    const watch = await live(fake);
    const start = Date.UTC(2026, 0, 2, 3, 0, 0);
    const history = Array.from({ length: 12 }, (_, i) => ({ price: `${100 + i}`, observedAtMs: start + i * MINUTE }));
    watch.history("BTCUSD", [...history.slice(0, -1), { ...history[11]!, change: "12.5", changePercent: "1.23" }]);

    const line = await waitFor(() => card("BTCUSD").getByRole("img", { name: "Price over the last 11 minutes" }));
    expect(polylinePoints(line)).toHaveLength(12);
    expect(card("BTCUSD").getByText("111")).toBeTruthy();
    expect(changeShown("BTCUSD")).toBe("▲ +12.5 (+1.23%)");
    expect(card("BTCUSD").getByText("Today up 12.5, up 1.23 percent")).toBeTruthy();

    // The cached quote repeated after the history adds no point; a new one does.
    watch.quote("BTCUSD", "111", start + 11 * MINUTE, { change: "12.5", changePercent: "1.23" });
    watch.quote("BTCUSD", "98", start + 13 * MINUTE, { change: "-0.5", changePercent: "-0.05" });
    await waitFor(() => expect(changeShown("BTCUSD")).toBe("▼ −0.5 (−0.05%)"));
    const grown = card("BTCUSD").getByRole("img", { name: "Price over the last 13 minutes" });
    expect(polylinePoints(grown)).toHaveLength(13);
    expect(card("BTCUSD").getByText("Today down 0.5, down 0.05 percent")).toBeTruthy();
    expect(card("BTCUSD").getByText("Today down 0.5, down 0.05 percent").closest("p")?.dataset.direction).toBe("down");

    await unmountAndCheck(view, fake);
  });

  it("when the alert price is not a positive number, then the form says why inline and saves nothing", async () => {
    const { fake, view, user, notifier } = renderPage();
    await live(fake);
    await user.click(screen.getByRole("button", { name: "Set alert for BTCUSD" }));
    const input = screen.getByRole("spinbutton", { name: "Alert price" });
    expect(document.activeElement).toBe(input);
    expect(screen.getByRole<HTMLInputElement>("radio", { name: "Above" }).checked).toBe(true);

    await user.click(screen.getByRole("button", { name: "Save alert" }));
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(input.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toMatch(/^Enter a price/);

    await user.type(input, "0");
    expect(input.getAttribute("aria-invalid")).toBeNull();
    await user.click(screen.getByRole("button", { name: "Save alert" }));
    expect(message?.textContent).toBe("The price must be above zero.");
    await user.clear(input);
    await user.type(input, "-3");
    await user.click(screen.getByRole("button", { name: "Save alert" }));
    expect(message?.textContent).toMatch(/positive number/);

    expect(screen.queryByRole("group", { name: "Alerts for BTCUSD" })).toBeNull();
    expect(notifier.ask).not.toHaveBeenCalled();
    await unmountAndCheck(view, fake);
  });

  it("when an alert is saved, then it is set on the server; when the server fires it, the card, the live region, a notification and the sound say so, once", async () => {
    const beeps: number[] = [];
    const audio = fakeAudio(beeps);
    const { fake, view, user, notifier } = renderPage({ audio });
    const watch = await live(fake);
    watch.quote("BTCUSD", "99.5");
    await waitFor(() => expect(card("BTCUSD").getByText("99.5")).toBeTruthy());
    await user.click(screen.getByRole("button", { name: "Alert sound" }));
    expect(beeps).toHaveLength(1); // a sample when turned on

    await user.click(screen.getByRole("button", { name: "Set alert for BTCUSD" }));
    await user.type(screen.getByRole("spinbutton", { name: "Alert price" }), "100{Enter}");
    const alerts = screen.getByRole("group", { name: "Alerts for BTCUSD" });
    expect(within(alerts).getByText("Above 100")).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Set alert for BTCUSD" }));
    expect(notifier.ask).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(watch.alerts.size).toBe(1));
    const [alertId, set] = [...watch.alerts][0]!;
    expect(set).toMatchObject({ symbol: "BTCUSD", condition: { case: "cross", value: { direction: CrossDirection.ABOVE, level: "100" } } });

    // Prices alone fire nothing in the browser: the rule is the server's.
    watch.quote("BTCUSD", "100.25");
    await waitFor(() => expect(card("BTCUSD").getByText("100.25")).toBeTruthy());
    expect(notifier.show).not.toHaveBeenCalled();

    watch.fire(alertId, "100.25");
    await waitFor(() => expect(within(alerts).getByText(/^Alert: BTCUSD above 100/)).toBeTruthy());
    expect(screen.getByText("Alert: BTCUSD above 100 (price 100.25).")).toBeTruthy();
    expect(notifier.show).toHaveBeenCalledWith("Alert: BTCUSD above 100 (price 100.25)");
    expect(beeps).toHaveLength(2);

    await user.click(within(alerts).getByRole("button", { name: "Remove alert" }));
    expect(screen.queryByRole("group", { name: "Alerts for BTCUSD" })).toBeNull();
    expect(JSON.parse(localStorage.getItem("crypto-stream.alerts.v1") ?? "null")).toEqual({});
    await unmountAndCheck(view, fake);
  });

  it("when the stream reconnects, then the alerts still waiting are set again on the new watch, and a removed one is removed", async () => {
    const { fake, view, user } = renderPage({ random: () => 0 });
    const first = await live(fake);
    await user.click(screen.getByRole("button", { name: "Set alert for BTCUSD" }));
    await user.type(screen.getByRole("spinbutton", { name: "Alert price" }), "100{Enter}");
    await waitFor(() => expect(first.alerts.size).toBe(1));

    first.fail(new ConnectError("gone", Code.Unavailable));
    await waitFor(() => expect(fake.watches).toHaveLength(2), { timeout: 5_000 });
    const second = fake.latest();
    await waitFor(() => expect([...second.alerts.values()].map((a) => a.symbol)).toEqual(["BTCUSD"]));

    await user.click(within(screen.getByRole("group", { name: "Alerts for BTCUSD" })).getByRole("button", { name: "Remove alert" }));
    await waitFor(() => expect(second.alerts.size).toBe(0));
    await unmountAndCheck(view, fake);
  });

  it("when the server refuses an alert, then the card says why and it is not sent again", async () => {
    const { fake, view, user } = renderPage();
    fake.refuseAlert = () => {
      throw new ConnectError("a watch holds at most 0 alerts; remove one first", Code.ResourceExhausted);
    };
    await live(fake);
    await user.click(screen.getByRole("button", { name: "Set alert for BTCUSD" }));
    await user.type(screen.getByRole("spinbutton", { name: "Alert price" }), "100{Enter}");
    await waitFor(() => expect(card("BTCUSD").getByText(/not set: a watch holds at most 0 alerts/)).toBeTruthy());
    await unmountAndCheck(view, fake);
  });

  it("when a ticker is not found, then its card offers no alert", async () => {
    const { fake, view } = renderPage();
    const watch = await live(fake);
    expect(screen.getByRole("button", { name: "Set alert for BTCUSD" })).toBeTruthy();
    watch.status("BTCUSD", SymbolState.NOT_FOUND, "no such symbol");
    await waitFor(() => expect(card("BTCUSD").getByText("Not found")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Set alert for BTCUSD" })).toBeNull();
    await unmountAndCheck(view, fake);
  });

  it("when Compact is pressed, then the grid turns to rows and the next visit remembers it", async () => {
    const first = renderPage();
    await live(first.fake);
    const toggle = screen.getByRole("button", { name: "Compact" });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    await first.user.click(toggle);
    expect(toggle.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("list", { name: "Tickers" }).dataset.layout).toBe("compact");
    expect(screen.queryByRole("button", { name: "Set alert for BTCUSD" })).toBeNull();
    await unmountAndCheck(first.view, first.fake);

    const again = renderPage();
    await live(again.fake);
    expect(screen.getByRole("button", { name: "Compact" }).getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("list", { name: "Tickers" }).dataset.layout).toBe("compact");
    await unmountAndCheck(again.view, again.fake);
  });
});
