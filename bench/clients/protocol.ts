/**
 * The messages between the benchmark and its client processes (over Node's IPC channel), and the
 * tally a client process keeps of the clock prices it received.
 */

/** StreamKind is the RPC each stream of a client process holds. */
export type StreamKind = "price" | "watch";

/** ToWorker is a command to a client process; each gets exactly one reply. */
export type ToWorker =
  | {
      readonly type: "open";
      readonly baseUrl: string;
      readonly kind: StreamKind;
      /** symbols of each stream: one for StreamPrice, any number for Watch. */
      readonly symbols: readonly string[];
      /** count of streams to open, in addition to those the process holds already. */
      readonly count: number;
      /** batch is how many streams open at once. */
      readonly batch: number;
      /**
       * http2Connections, when set, opens gRPC StreamPrice streams over that many HTTP/2 (h2c)
       * connections instead of one Connect-JSON HTTP/1.1 connection per stream.
       */
      readonly http2Connections?: number;
    }
  | { readonly type: "record" }
  | { readonly type: "collect" }
  | { readonly type: "close" };

/** Tally is what a client process saw between `record` and `collect`. */
export interface Tally {
  /** latenciesMs: per quote, receipt time minus the time its clock price was shown. */
  readonly latenciesMs: number[];
  /**
   * sinceObservedMs: per quote, receipt time minus its `observed_at`: what the server spent after
   * the scraper saw the price (hub, encoding, writes) and the client's read. The floor stamps the
   * tick's start, so there it equals the latency.
   */
  readonly sinceObservedMs: number[];
  readonly received: number;
  /** missed counts clock ticks skipped between two quotes of one stream and symbol. */
  readonly missed: number;
  /**
   * missedTicks says, for each `SYMBOL@tick` some stream missed, how many streams missed it: a tick
   * every stream missed alike was lost before the fan-out, one only some missed was lost in it.
   */
  readonly missedTicks: Readonly<Record<string, number>>;
  /** duplicated counts quotes whose tick was not newer than the last one of their stream and symbol. */
  readonly duplicated: number;
  /** foreign counts quotes whose price was not a clock price (the symbol was not in clock mode). */
  readonly foreign: number;
}

/** FromWorker is a client process's reply. */
export type FromWorker =
  | { readonly type: "opened"; readonly open: number; readonly error?: string }
  | { readonly type: "recording" }
  | { readonly type: "collected"; readonly tally: Tally }
  | { readonly type: "closed"; readonly failed: number };

/** mergeTallies adds tallies of several processes together. */
export function mergeTallies(tallies: readonly Tally[]): Tally {
  return {
    latenciesMs: tallies.flatMap((t) => t.latenciesMs),
    sinceObservedMs: tallies.flatMap((t) => t.sinceObservedMs),
    received: tallies.reduce((n, t) => n + t.received, 0),
    missed: tallies.reduce((n, t) => n + t.missed, 0),
    missedTicks: tallies.reduce<Record<string, number>>((merged, t) => {
      for (const [tick, streams] of Object.entries(t.missedTicks)) merged[tick] = (merged[tick] ?? 0) + streams;
      return merged;
    }, {}),
    duplicated: tallies.reduce((n, t) => n + t.duplicated, 0),
    foreign: tallies.reduce((n, t) => n + t.foreign, 0),
  };
}
