import { Code, ConnectError } from "@connectrpc/connect";
import { render, screen, waitFor } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { TransportProvider } from "../../../lib/transport.js";
import { TickerStoreProvider } from "../hooks/ticker-store-context.js";
import { parseSymbol } from "../model/symbol.js";
import { createFakeCatalogService } from "../testing/fake-catalog-service.js";
import { AddTickerForm } from "./add-ticker-form.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const CATALOG = [
  { symbol: "ETHUSD", name: "Ethereum / U.S. Dollar" },
  { symbol: "ETHUSDT", name: "Ethereum / Tether" },
  { symbol: "BTCUSD", name: "Bitcoin / U.S. Dollar" },
];

function setup() {
  const fake = createFakeCatalogService(CATALOG);
  const onAdd = vi.fn((input: string) => parseSymbol(input, undefined));
  const view = render(
    <TransportProvider transport={fake.transport}>
      <TickerStoreProvider settings={{ log: quiet, initialSymbols: [] }}>
        <AddTickerForm onAdd={onAdd} />
      </TickerStoreProvider>
    </TransportProvider>,
  );
  const input = screen.getByRole<HTMLInputElement>("combobox", { name: "Ticker" });
  return { fake, onAdd, view, input, user: userEvent.setup() };
}

const liveText = (view: ReturnType<typeof render>) => view.container.querySelector(".add-ticker > p.visually-hidden")?.textContent;

describe("the Ticker field's suggestions", () => {
  it("when eth is typed, then the list shows names, the arrows highlight, and Enter adds the highlighted symbol", async () => {
    const { onAdd, view, input, user } = setup();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    await user.type(input, "eth");
    const options = await screen.findAllByRole("option");
    expect(options.map((o) => o.textContent)).toEqual(["ETHUSD — Ethereum / U.S. Dollar", "ETHUSDT — Ethereum / Tether"]);
    expect(input.getAttribute("aria-expanded")).toBe("true");
    expect(input.getAttribute("aria-controls")).toBe(screen.getByRole("listbox", { name: "Suggestions" }).id);
    expect(liveText(view)).toBe("2 suggestions, up and down arrows to choose");
    expect(input.hasAttribute("aria-activedescendant")).toBe(false);

    await user.keyboard("{ArrowDown}{ArrowDown}");
    const second = screen.getAllByRole("option")[1]!;
    expect(input.getAttribute("aria-activedescendant")).toBe(second.id);
    expect(second.getAttribute("aria-selected")).toBe("true");
    expect(document.activeElement).toBe(input);

    await user.keyboard("{Enter}");
    expect(onAdd.mock.calls).toEqual([["ETHUSDT"]]);
    expect(input.value).toBe("");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(liveText(view)).toBe("");
    view.unmount();
  });

  it("when no suggestion is highlighted, then Enter adds what was typed, even outside the catalog", async () => {
    const { onAdd, view, input, user } = setup();
    await user.type(input, "eth");
    await screen.findAllByRole("option");
    await user.clear(input);
    await user.type(input, "foobarusd{Enter}");
    expect(onAdd.mock.calls).toEqual([["foobarusd"]]);
    expect(input.value).toBe("");
    view.unmount();
  });

  it("when Esc is pressed with the list open, then only the list closes: the key is marked used for the page", async () => {
    const { view, input, user } = setup();
    const seen: boolean[] = [];
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && seen.push(event.defaultPrevented);
    document.addEventListener("keydown", onKey);
    await user.type(input, "eth");
    await screen.findAllByRole("option");
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(input.getAttribute("aria-expanded")).toBe("false");
    expect(input.value).toBe("eth");
    await user.keyboard("{Escape}");
    expect(seen).toEqual([true, false]);
    document.removeEventListener("keydown", onKey);
    view.unmount();
  });

  it("when a suggestion is clicked, then it is added", async () => {
    const { onAdd, view, input, user } = setup();
    await user.type(input, "btc");
    await user.click(await screen.findByRole("option", { name: "BTCUSD — Bitcoin / U.S. Dollar" }));
    expect(onAdd.mock.calls).toEqual([["BTCUSD"]]);
    view.unmount();
  });

  it("when the search fails, then no list shows and adding still works", async () => {
    const { fake, onAdd, view, input, user } = setup();
    fake.failWith = new ConnectError("down", Code.Unavailable);
    await user.type(input, "eth");
    await waitFor(() => expect(fake.searches.length).toBe(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.keyboard("{Enter}");
    expect(onAdd.mock.calls).toEqual([["eth"]]);
    view.unmount();
  });
});
