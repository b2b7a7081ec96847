/**
 * The web grid as a person sees it, read through roles and labels (see
 * frontend/src/features/tickers/components): one browser context per page, so every test starts
 * with its own localStorage and its own Watch stream.
 */
import type { Browser, BrowserContext, BrowserContextOptions, Locator, Page } from "playwright";

/** TICKER_LIST_KEY is where the page keeps its tickers (ticker-list-storage.ts). */
export const TICKER_LIST_KEY = "crypto-stream.tickers.v1";

/** PRICE is a price as the grid prints it: digits with thousands separators, optional fraction. */
export const PRICE = /^−?\d{1,3}(,\d{3})*(\.\d+)?$/;

/** GridPage drives one open grid. Close it with `close()`. */
export interface GridPage {
  readonly page: Page;
  /** consoleLines are the texts of every console message so far, in order. */
  readonly consoleLines: readonly string[];
  /** pageErrors are uncaught exceptions in the page. */
  readonly pageErrors: readonly string[];
  /** apiCalls are the PriceService methods the page called (Watch, UpdateWatch), in order. */
  readonly apiCalls: readonly string[];
  /** cards are the ticker cards, the listitems of the list "Tickers". */
  readonly cards: Locator;
  /** card is the card of exactly `symbol` (BTCUSD never matches BTCUSDT). */
  card(symbol: string): Locator;
  /** symbols are the cards' symbols in DOM order. */
  symbols(): Promise<string[]>;
  /** priceText is the price `symbol`'s card shows, or "" when it shows none. */
  priceText(symbol: string): Promise<string>;
  /** phase is the card's state: loading, live, reconnecting, not-found, failed, rejected. */
  phase(symbol: string): Promise<string | null>;
  /** connection is the indicator's text: Connecting, Live, Reconnecting or Offline. */
  connection(): Promise<string>;
  /** add types `input` into "Ticker" and submits with the Add button or with Enter. */
  add(input: string, submit?: "button" | "enter"): Promise<void>;
  /** remove presses "Remove {symbol}". */
  remove(symbol: string): Promise<void>;
  /** close closes the page's context: its stream ends as when a person closes the tab. */
  close(): Promise<void>;
}

/** OpenOptions shape the page a test opens. */
export interface OpenOptions {
  /** tickers are the list saved before the page loads, as an older version saved its one list. */
  tickers?: readonly string[];
  /** storage are further localStorage entries to set before the page loads. */
  storage?: Readonly<Record<string, string>>;
  /** path is what follows the base URL, e.g. "/?symbols=BTCUSD"; "/" by default. */
  path?: string;
  /** context adds to the context's options (viewport 1280×900 unless given). */
  context?: BrowserContextOptions;
}

/**
 * openGrid opens the grid at `baseUrl` in a new context. Its localStorage is cleared first, so
 * the page starts as a first visit (BTCUSD, ETHUSD, SOLUSD), or set to `tickers` when given.
 */
export async function openGrid(browser: Browser, baseUrl: string, options: OpenOptions = {}): Promise<GridPage> {
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options.context });
  const page = await context.newPage();
  const consoleLines: string[] = [];
  const pageErrors: string[] = [];
  const apiCalls: string[] = [];
  page.on("console", (message) => consoleLines.push(message.text()));
  page.on("pageerror", (error) => pageErrors.push(error.message));
  page.on("request", (request) => {
    const method = /\/cryptostream\.v1\.PriceService\/(\w+)$/.exec(new URL(request.url()).pathname)?.[1];
    if (method !== undefined) apiCalls.push(method);
  });

  // Same origin as the grid but not the grid, so no stream opens before the list is in place.
  await page.goto(`${baseUrl}/healthz`);
  await page.evaluate(
    ([key, tickers, storage]) => {
      localStorage.clear();
      if (tickers !== undefined) localStorage.setItem(key, JSON.stringify(tickers));
      for (const [name, value] of Object.entries(storage)) localStorage.setItem(name, value);
    },
    [TICKER_LIST_KEY, options.tickers, options.storage ?? {}] as const,
  );
  await page.goto(`${baseUrl}${options.path ?? "/"}`);

  const list = page.getByRole("list", { name: "Tickers" });
  const cards = list.getByRole("listitem");
  const card = (symbol: string) => list.getByRole("listitem", { name: symbol, exact: true });
  const input = page.getByRole("combobox", { name: "Ticker" });
  return {
    page,
    consoleLines,
    pageErrors,
    apiCalls,
    cards,
    card,
    symbols: () => cards.getByRole("heading").allTextContents(),
    async priceText(symbol) {
      const price = card(symbol).locator(".ticker-price-value");
      return (await price.count()) === 0 ? "" : ((await price.textContent()) ?? "");
    },
    phase: (symbol) => card(symbol).getAttribute("data-phase"),
    async connection() {
      const text = await page.getByRole("status", { name: "Connection" }).textContent();
      return (text ?? "").replace("Connection:", "").trim();
    },
    async add(text, submit = "button") {
      await input.fill(text);
      if (submit === "enter") await input.press("Enter");
      else await page.getByRole("button", { name: "Add", exact: true }).click();
    },
    async remove(symbol) {
      await page.getByRole("button", { name: `Remove ${symbol}`, exact: true }).click();
    },
    close: () => context.close(),
  };
}
