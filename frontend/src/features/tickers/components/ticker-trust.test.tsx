import { act, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerStoreProvider } from "../hooks/ticker-store-context.js";
import { createFakePriceService } from "../testing/fake-price-service.js";
import { FlashToggle } from "./flash-toggle.js";
import { TickerDashboard } from "./ticker-dashboard.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };

function renderPage() {
  const fake = createFakePriceService();
  const view = render(
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, initialSymbols: ["BTCUSD", "ETHUSD"] }}>
        <FlashToggle />
        <TickerDashboard />
      </TickerStoreProvider>
    </TransportProvider>,
  );
  return { fake, view };
}

const grid = () => screen.getByRole("list", { name: "Tickers" });
const flashButton = () => screen.getByRole("button", { name: "Flash" });

describe("what the board says to be trusted", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("when a live price has not changed for 3 minutes, then its card says so, and a new price clears it", async () => {
    const { fake, view } = renderPage();
    await waitFor(() => expect(fake.watches).toHaveLength(1));
    act(() => {
      fake.latest().start();
      fake.latest().quote("BTCUSD", "97000", Date.now() - 3 * 60_000 - 5_000);
      fake.latest().quote("ETHUSD", "3500", Date.now());
    });
    const btc = await screen.findByRole("listitem", { name: "BTCUSD" });
    await waitFor(() => expect(within(btc).getByText("No change for 3 min")).toBeTruthy());
    expect(within(screen.getByRole("listitem", { name: "ETHUSD" })).queryByText(/No change/)).toBeNull();

    act(() => fake.latest().quote("BTCUSD", "97001", Date.now()));
    await waitFor(() => expect(within(btc).queryByText(/No change/)).toBeNull());
    view.unmount();
  });

  it("when Flash is turned off, then prices do not flash, and the choice is remembered", async () => {
    const { view } = renderPage();
    expect(flashButton().getAttribute("aria-pressed")).toBe("true");
    expect(grid().getAttribute("data-flash")).toBe("on");
    await userEvent.setup().click(flashButton());
    expect(flashButton().getAttribute("aria-pressed")).toBe("false");
    expect(grid().getAttribute("data-flash")).toBe("off");
    view.unmount();
    const again = renderPage();
    expect(grid().getAttribute("data-flash")).toBe("off");
    again.view.unmount();
  });

  it("when the system asks for reduced motion, then the flash starts off, and can be turned on", async () => {
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: query === "(prefers-reduced-motion: reduce)", media: query }));
    const { view } = renderPage();
    expect(grid().getAttribute("data-flash")).toBe("off");
    await userEvent.setup().click(flashButton());
    expect(grid().getAttribute("data-flash")).toBe("on");
    view.unmount();
  });
});
