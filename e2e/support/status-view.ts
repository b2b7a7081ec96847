/**
 * The Status view as a person sees it, read through roles and names (see
 * frontend/src/features/status/components), and the server's own status over a Connect GET.
 */
import type { Locator, Page } from "playwright";

/** StatusView drives the Status view of one open grid. */
export interface StatusView {
  /** button is the header's Status button, which opens and closes the view. */
  readonly button: Locator;
  /** table is the table of watched symbols. */
  readonly table: Locator;
  /** activity is the Activity log's events, newest first. */
  readonly activity: Locator;
  /** row is the table row of exactly `symbol`. */
  row(symbol: string): Locator;
  /** subscribers is the Subscribers cell of `symbol`'s row, as a number. */
  subscribers(symbol: string): Promise<number>;
  /** events are the Activity rows about `symbol` whose kind reads `kind` ("page opened", "released"). */
  events(symbol: string, kind: string): Locator;
}

/** statusView finds the view's parts in `page`; it does not open it. */
export function statusView(page: Page): StatusView {
  const table = page.getByRole("table", { name: "Watched symbols" });
  const activity = page.getByRole("log", { name: "Activity" }).getByRole("listitem");
  const row = (symbol: string) =>
    table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: symbol, exact: true }) });
  return {
    button: page.getByRole("button", { name: "Status", exact: true }),
    table,
    activity,
    row,
    async subscribers(symbol) {
      // Cells after the row header: State, Subscribers, Page open since, Last change.
      return Number(await row(symbol).getByRole("cell").nth(1).textContent());
    },
    events: (symbol, kind) =>
      activity.filter({ has: page.locator(".activity-kind", { hasText: new RegExp(`^${kind}$`) }) }).filter({ hasText: symbol }),
  };
}

/** ServerCounts are the server's stream counts from GetStatus. */
export interface ServerCounts {
  readonly openStreams: number;
  readonly watches: number;
  readonly symbols: readonly string[];
}

/**
 * serverCounts asks GetStatus with a Connect GET, as `curl` would, and reads the counts (proto3
 * JSON leaves zeros out).
 */
export async function serverCounts(baseUrl: string): Promise<ServerCounts> {
  const query = "encoding=json&message=%7B%7D&connect=v1";
  const res = await fetch(`${baseUrl}/cryptostream.v1.StatusService/GetStatus?${query}`);
  if (!res.ok) throw new Error(`GetStatus answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as {
    server?: { openStreams?: number; watches?: number };
    symbols?: { symbol: string }[];
  };
  return {
    openStreams: body.server?.openStreams ?? 0,
    watches: body.server?.watches ?? 0,
    symbols: (body.symbols ?? []).map((s) => s.symbol),
  };
}
