import { render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerDashboard, TickerStoreProvider } from "../../tickers/index.js";
import { createFakePriceService } from "../../tickers/testing/fake-price-service.js";
import { WatchlistBar } from "./watchlist-bar.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const KEY = "crypto-stream.watchlists.v1";

function renderPage() {
  const fake = createFakePriceService();
  const view = render(
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, random: () => 0.5 }}>
        <WatchlistBar />
        <TickerDashboard />
      </TickerStoreProvider>
    </TransportProvider>,
  );
  return { fake, view, user: userEvent.setup() };
}

const shownSymbols = () =>
  within(screen.getByRole("list", { name: "Tickers" }))
    .queryAllByRole("listitem")
    .map((item) => within(item).getByRole("heading").textContent);
const picker = () => screen.getByRole<HTMLSelectElement>("combobox", { name: "List" });
const saved = () => JSON.parse(localStorage.getItem(KEY) ?? "null") as { activeId: string; lists: { name: string; symbols: string[] }[] };

describe("WatchlistBar", () => {
  afterEach(() => history.replaceState(null, "", "/"));

  it("when a list is created, filled and switched away from and back, then each shows its own tickers and the server follows", async () => {
    const { fake, view, user } = renderPage();
    await waitFor(() => expect(fake.latest().symbols.size).toBe(3));

    await user.click(screen.getByRole("button", { name: "New list" }));
    await user.type(screen.getByRole("textbox", { name: "New list name" }), "Alts{Enter}");
    expect(picker().selectedOptions[0]?.textContent).toBe("Alts (0)");
    expect(screen.getByText("No tickers yet: add one above.")).toBeTruthy();
    await waitFor(() => expect(fake.latest().symbols.size).toBe(0));

    await user.type(screen.getByRole("combobox", { name: "Ticker" }), "xrpusd{Enter}");
    expect(shownSymbols()).toEqual(["XRPUSD"]);
    await waitFor(() => expect([...fake.latest().symbols]).toEqual(["XRPUSD"]));

    await user.selectOptions(picker(), "My list (3)");
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    await waitFor(() => expect(fake.latest().symbols.size).toBe(3));
    expect(fake.watches).toHaveLength(1);
    expect(saved().lists.map((list) => list.name)).toEqual(["My list", "Alts"]);

    // A reload opens the list used last.
    view.unmount();
    const again = renderPage();
    expect(picker().selectedOptions[0]?.textContent).toBe("My list (3)");
    again.view.unmount();
  });

  it("when a list is renamed to a taken name, then the form says so; Esc closes it and nothing changed", async () => {
    const { user, view } = renderPage();
    await user.click(screen.getByRole("button", { name: "New list" }));
    await user.type(screen.getByRole("textbox", { name: "New list name" }), "Alts{Enter}");
    await user.click(screen.getByRole("button", { name: "Rename" }));
    const name = screen.getByRole("textbox", { name: "New name" });
    await user.clear(name);
    await user.type(name, "my list{Enter}");
    expect(screen.getByText('A list named "My list" already exists: pick another name.')).toBeTruthy();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("textbox", { name: "New name" })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Rename" })));
    expect(saved().lists.map((list) => list.name)).toEqual(["My list", "Alts"]);
    view.unmount();
  });

  it("when the open list is deleted, then the first left opens; the last list cannot be deleted", async () => {
    const { user, view } = renderPage();
    await user.click(screen.getByRole("button", { name: "New list" }));
    await user.type(screen.getByRole("textbox", { name: "New list name" }), "Alts{Enter}");
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(screen.getByRole("button", { name: "Delete list" }));
    expect(screen.getByRole("status", { name: "" }).textContent).toBe('Deleted the list "Alts".');
    expect(shownSymbols()).toEqual(["BTCUSD", "ETHUSD", "SOLUSD"]);
    await user.click(screen.getByRole("button", { name: "Delete" }));
    await user.click(screen.getByRole("button", { name: "Delete list" }));
    expect(screen.getByText("The last list cannot be deleted: create another first.")).toBeTruthy();
    expect(saved().lists).toHaveLength(1);
    view.unmount();
  });

  it("when the page opens with a shared link, then it shows that list and saves it only as a new one", async () => {
    history.replaceState(null, "", "/?symbols=SOLUSD,COINBASE:ETHUSD,bad%20one");
    const { fake, user, view } = renderPage();
    expect(shownSymbols()).toEqual(["COINBASE:ETHUSD", "SOLUSD"]);
    expect(screen.getByText(/Left out not tickers: "bad one"\./)).toBeTruthy();
    await waitFor(() => expect(fake.latest().requested).toEqual(["COINBASE:ETHUSD", "SOLUSD"]));
    expect(localStorage.getItem(KEY)).toBeNull();

    const name = screen.getByRole("textbox", { name: "Name for the shared list" });
    await user.clear(name);
    await user.type(name, "My list{Enter}");
    expect(screen.getByText('A list named "My list" already exists: pick another name.')).toBeTruthy();
    await user.clear(name);
    await user.type(name, "From Ann{Enter}");
    expect(screen.queryByRole("region", { name: "Shared list" })).toBeNull();
    expect(location.search).toBe("");
    expect(saved().lists).toEqual([
      expect.objectContaining({ name: "My list", symbols: ["BTCUSD", "ETHUSD", "SOLUSD"] }),
      expect.objectContaining({ name: "From Ann", symbols: ["COINBASE:ETHUSD", "BINANCE:SOLUSD"] }),
    ]);
    view.unmount();
  });
});
