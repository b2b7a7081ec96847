import { act, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerStoreProvider } from "../hooks/ticker-store-context.js";
import { createFakePriceService } from "../testing/fake-price-service.js";
import { TickerDashboard } from "./ticker-dashboard.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };

function renderDashboard() {
  const fake = createFakePriceService();
  const view = render(
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, random: () => 0.5, initialSymbols: ["AAA", "BBB", "CCC"] }}>
        <TickerDashboard />
      </TickerStoreProvider>
    </TransportProvider>,
  );
  return { fake, view };
}

const shownSymbols = () =>
  within(screen.getByRole("list", { name: "Tickers" }))
    .queryAllByRole("listitem")
    .map((item) => within(item).getByRole("heading").textContent);
const sortPicker = () => screen.getByRole("combobox", { name: "Sort" });

describe("sorting the board", () => {
  it("when sorted by change %, then the board follows quotes at most once a second, and the choice is remembered", async () => {
    const { fake, view } = renderDashboard();
    await waitFor(() => expect(fake.watches).toHaveLength(1));
    act(() => {
      fake.latest().start();
      fake.latest().quote("AAA", "1", undefined, { changePercent: "1" });
      fake.latest().quote("BBB", "1", undefined, { changePercent: "-2" });
      fake.latest().quote("CCC", "1", undefined, { changePercent: "3" });
    });
    expect(shownSymbols()).toEqual(["AAA", "BBB", "CCC"]);

    await userEvent.setup().selectOptions(sortPicker(), "Change %: rising most first");
    expect(shownSymbols()).toEqual(["CCC", "AAA", "BBB"]);

    // BBB jumps to the top right after the reorder the reader asked for: its card shows the new
    // figure at once, in its old place, and moves when the second is up.
    act(() => fake.latest().quote("BBB", "2", undefined, { change: "1", changePercent: "9" }));
    expect(within(screen.getByRole("listitem", { name: "BBB" })).getByText(/up 9 percent/)).toBeTruthy();
    expect(shownSymbols()).toEqual(["CCC", "AAA", "BBB"]);
    await waitFor(() => expect(shownSymbols()).toEqual(["BBB", "CCC", "AAA"]), { timeout: 3_000 });

    view.unmount();
    const again = renderDashboard();
    expect(screen.getByRole<HTMLSelectElement>("combobox", { name: "Sort" }).value).toBe("change-desc");
    again.view.unmount();
  });
});
