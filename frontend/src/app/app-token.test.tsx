import { act, render, screen, waitFor, within } from "@testing-library/react";
import { userEvent } from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createBearerInterceptor, createTokenStorage, createTokenStore, type TokenStore } from "../features/access/index.js";
import { TOKEN_KEY } from "../features/access/api/token-storage.js";
import { createFakePriceService, type FakePriceService } from "../features/tickers/testing/fake-price-service.js";
import type { Logger } from "../lib/log.js";
import { App } from "./app.js";
import { AppProviders } from "./providers.js";

const TOKEN = "correct-horse-battery-staple";
/** A fast, jitter-free backoff: a retry loop, were there one, would show within milliseconds. */
const fastBackoff = { initialMs: 5, maxMs: 5, jitter: 0 };

/**
 * openPage renders the whole page as main.tsx wires it, on a fake server that needs TOKEN: a
 * token store on this tab's storage, read by the one transport's interceptor. Rendering it again
 * after `closePage` is a reload: the storages carry over, nothing else does.
 */
function openPage() {
  const lines: string[] = [];
  const log: Logger = { info: (l) => void lines.push(l), warn: (l) => void lines.push(l), error: (l) => void lines.push(l) };
  const tokens = createTokenStore({
    storage: createTokenStorage({ session: sessionStorage, local: localStorage }, log),
    log,
  });
  const fake = createFakePriceService({ interceptors: [createBearerInterceptor(tokens)] });
  fake.requiredToken = TOKEN;
  const settings = { log, initialSymbols: ["BTCUSD"], backoff: fastBackoff, random: () => 0.5 };
  const view = render(
    <AppProviders transport={fake.transport} tokens={tokens} tickerSettings={settings}>
      <App />
    </AppProviders>,
  );
  return { fake, view, tokens, lines, user: userEvent.setup() };
}

const connection = () => screen.getByRole("status", { name: "Connection" });
const form = () => screen.queryByRole("region", { name: "This server needs an access token" });
const tokenInput = () => screen.getByLabelText("Access token");
const stored = () => ({ session: sessionStorage.getItem(TOKEN_KEY), local: localStorage.getItem(TOKEN_KEY) });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** giveToken types `token` into the form, ticks Remember when asked, and submits. */
async function giveToken(user: ReturnType<typeof userEvent.setup>, token: string, remember = false) {
  if (remember) await user.click(screen.getByRole("checkbox", { name: "Remember on this device" }));
  await user.type(tokenInput(), token);
  await user.click(screen.getByRole("button", { name: "Use token" }));
}

/** closePage unmounts, closes the token store and checks the last stream was cancelled. */
async function closePage(page: { fake: FakePriceService; view: { unmount(): void }; tokens: TokenStore }) {
  const watch = page.fake.watches.at(-1);
  page.view.unmount();
  page.tokens.close();
  if (watch) await waitFor(() => expect(watch.open).toBe(false));
}

/** inOtherTab changes the remembered token as another tab would; this tab hears a `storage` event. */
function inOtherTab(token: string | null) {
  const oldValue = localStorage.getItem(TOKEN_KEY);
  if (token === null) localStorage.removeItem(TOKEN_KEY);
  else localStorage.setItem(TOKEN_KEY, token);
  act(() => {
    dispatchEvent(new StorageEvent("storage", { key: TOKEN_KEY, oldValue, newValue: token, storageArea: localStorage }));
  });
}

describe("the page on a server that needs an access token", () => {
  it("when the server refuses the stream, then the form shows and the page does not retry on its own", async () => {
    const page = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    expect(connection().textContent).toContain("Token needed");
    expect(within(screen.getByRole("listitem", { name: "BTCUSD" })).getByText("Loading…")).toBeTruthy();
    await pause(300); // 60 backoff periods
    expect(page.fake.calls).toEqual([{ method: "Watch", authorization: null, refused: true }]);
    expect(page.lines).toContain("this server needs an access token: waiting for one");
    await closePage(page);
  });

  it("when the right token is given, then the stream resumes with it and prices show", async () => {
    const page = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    await giveToken(page.user, TOKEN);
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(form()).toBeNull();
    expect(page.fake.latest().authorization).toBe(`Bearer ${TOKEN}`);
    page.fake.latest().quote("BTCUSD", "97123.45");
    await waitFor(() => expect(screen.getByText("97,123.45")).toBeTruthy());
    expect(screen.getByText("Access token accepted.")).toBeTruthy();
    // Adding a ticker later goes out with the token too.
    await page.user.type(screen.getByRole("combobox", { name: "Ticker" }), "ethusd{Enter}");
    await waitFor(() => expect(page.fake.latest().symbols.has("ETHUSD")).toBe(true));
    expect(page.fake.calls.map((call) => [call.method, call.authorization !== null, call.refused])).toEqual([
      ["Watch", false, true],
      ["Watch", true, false],
      ["UpdateWatch", true, false],
    ]);
    expect(page.lines.filter((line) => line.includes(TOKEN))).toEqual([]);
    await closePage(page);
  });

  it("when a wrong token is given, then it is refused, forgotten and the right one still works", async () => {
    const page = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    await giveToken(page.user, "wrong-token-0123456789", true);
    await waitFor(() => expect(screen.getByText("That token was refused.")).toBeTruthy());
    expect(stored()).toEqual({ session: null, local: null });
    expect(connection().textContent).toContain("Token needed");
    expect(document.activeElement).toBe(tokenInput());
    await pause(100);
    expect(page.fake.calls.map((call) => call.refused)).toEqual([true, true]);

    // Remember stays ticked from the first try.
    expect(screen.getByRole<HTMLInputElement>("checkbox", { name: "Remember on this device" }).checked).toBe(true);
    await giveToken(page.user, TOKEN);
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(stored()).toEqual({ session: null, local: TOKEN });
    await closePage(page);
  });

  it("when Remember is ticked, then the token is on this device and a reload goes straight to live", async () => {
    const first = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    await giveToken(first.user, TOKEN, true);
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(stored()).toEqual({ session: null, local: TOKEN });
    await closePage(first);

    sessionStorage.clear(); // a new tab, even: only localStorage carries over
    const second = openPage();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(form()).toBeNull();
    expect(second.fake.calls).toEqual([{ method: "Watch", authorization: `Bearer ${TOKEN}`, refused: false }]);
    await closePage(second);
  });

  it("when Remember is not ticked, then the token is this tab's: a reload keeps it, a new tab asks again", async () => {
    const first = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    await giveToken(first.user, TOKEN);
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(stored()).toEqual({ session: TOKEN, local: null });
    await closePage(first);

    const reloaded = openPage();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    await closePage(reloaded);

    sessionStorage.clear();
    const newTab = openPage();
    await waitFor(() => expect(form()).toBeTruthy());
    await closePage(newTab);
  });

  it("when Forget token is pressed, then the stream is replaced, refused, and the form asks again", async () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const page = openPage();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    const live = page.fake.latest();
    await page.user.click(screen.getByRole("button", { name: "Forget token" }));
    await waitFor(() => expect(form()).toBeTruthy());
    expect(live.aborted).toBe(true);
    expect(stored()).toEqual({ session: null, local: null });
    expect(connection().textContent).toContain("Token needed");
    expect(screen.queryByRole("button", { name: "Forget token" })).toBeNull();
    await closePage(page);
  });

  it("when another tab forgets the token and then remembers it again, then this tab asks, and then goes live with it", async () => {
    localStorage.setItem(TOKEN_KEY, TOKEN);
    const page = openPage();
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    const live = page.fake.latest();

    inOtherTab(null);
    await waitFor(() => expect(form()).toBeTruthy());
    expect(live.aborted).toBe(true);
    expect(connection().textContent).toContain("Token needed");
    expect(screen.queryByRole("button", { name: "Forget token" })).toBeNull();
    expect(page.lines).toContain("access token forgotten in another tab");

    inOtherTab(TOKEN);
    await waitFor(() => expect(connection().textContent).toContain("Live"));
    expect(form()).toBeNull();
    expect(page.fake.calls.map((call) => [call.authorization, call.refused])).toEqual([
      [`Bearer ${TOKEN}`, false],
      [null, true],
      [`Bearer ${TOKEN}`, false],
    ]);
    expect(page.lines.filter((line) => line.includes(TOKEN))).toEqual([]);
    await closePage(page);
  });
});
