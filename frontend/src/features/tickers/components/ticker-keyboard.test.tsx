import { render, screen, waitFor } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerStoreProvider } from "../hooks/ticker-store-context.js";
import { createFakePriceService } from "../testing/fake-price-service.js";
import { TickerDashboard } from "./ticker-dashboard.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };

describe("the board's keys", () => {
  it("when / is pressed, then the Ticker field has focus, and a / typed there is text", async () => {
    const fake = createFakePriceService();
    const view = render(
      <TransportProvider transport={fake.transport}>
        <TickerStoreProvider settings={{ log: quiet, initialSymbols: ["BTCUSD"] }}>
          <TickerDashboard />
        </TickerStoreProvider>
      </TransportProvider>,
    );
    const user = userEvent.setup();
    const input = screen.getByRole<HTMLInputElement>("combobox", { name: "Ticker" });
    await user.click(screen.getByRole("button", { name: "Remove BTCUSD" }).parentElement!);
    expect(document.activeElement).not.toBe(input);
    await user.keyboard("/");
    expect(document.activeElement).toBe(input);
    expect(input.value).toBe("");
    await user.keyboard("a/b");
    expect(input.value).toBe("a/b");
    view.unmount();
  });

  it("when ? is pressed, then the help lists the keys, and Close closes it (Esc: in Chromium, e2e)", async () => {
    const fake = createFakePriceService();
    const view = render(
      <TransportProvider transport={fake.transport}>
        <TickerStoreProvider settings={{ log: quiet, initialSymbols: [] }}>
          <TickerDashboard />
        </TickerStoreProvider>
      </TransportProvider>,
    );
    const user = userEvent.setup();
    await user.keyboard("?");
    const dialog = await screen.findByRole("dialog", { name: "Keyboard shortcuts" });
    expect(dialog.textContent).toContain("Go to the Ticker field");
    await user.click(screen.getByRole("button", { name: "Close" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Keyboard shortcuts" })).toBeNull());
    await user.click(screen.getByRole("button", { name: "Keys" }));
    expect(await screen.findByRole("dialog", { name: "Keyboard shortcuts" })).toBeTruthy();
    view.unmount();
  });
});
