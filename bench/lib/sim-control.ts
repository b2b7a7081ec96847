/**
 * Steering the TradingView look-alike over HTTP (`/sim/_control/{TICKER}`): the benchmark runs in
 * another process than the server, so this is its only handle on the prices the pages show.
 */
import { httpRequest } from "./http.js";

/** ControlBody is what `POST /sim/_control/{TICKER}` accepts (see backend/src/sim/control-body.ts). */
export interface ControlBody {
  readonly price?: string;
  readonly paused?: boolean;
  readonly silent?: boolean;
  readonly status?: 200 | 404 | 500;
  readonly delayMs?: number;
  readonly withheld?: boolean;
  readonly rerender?: boolean;
  readonly reset?: boolean;
  readonly clock?: boolean;
  readonly fillDelayMs?: readonly [number, number];
}

/** ControlState is the answer of `GET /sim/_control/{TICKER}`. */
export interface ControlState {
  readonly known: boolean;
  readonly price: string | null;
  readonly pageViews: number;
  readonly openConnections: number;
  readonly lastFillAtMs: number | null;
  readonly lastPageViewAtMs: number | null;
  /** clockSkipped counts clock ticks the look-alike never showed because its clock ran late. */
  readonly clockSkipped: number;
}

/** SimControl steers one look-alike. */
export interface SimControl {
  /**
   * steer sends `body` and resolves with the wall-clock time (ms) just before the request left,
   * which is the start of a detection-latency measurement.
   * @throws Error when the look-alike refuses the command.
   */
  steer(ticker: string, body: ControlBody): Promise<number>;
  /** state reads a ticker's counters. */
  state(ticker: string): Promise<ControlState>;
}

/** createSimControl steers the look-alike served at `{baseUrl}/sim`. */
export function createSimControl(baseUrl: string): SimControl {
  const url = (ticker: string) => `${baseUrl}/sim/_control/${encodeURIComponent(ticker)}`;
  return {
    async steer(ticker, body) {
      const sentAt = Date.now();
      // Generous timeout: under 10,000 subscribers the server answers slowly, and that is a finding.
      const answer = await httpRequest("POST", url(ticker), body, 30_000);
      if (answer.status !== 204) throw new Error(`steering ${ticker} failed: HTTP ${answer.status} ${answer.body}`);
      return sentAt;
    },
    async state(ticker) {
      const answer = await httpRequest("GET", url(ticker), undefined, 30_000);
      if (answer.status !== 200) throw new Error(`reading ${ticker} failed: HTTP ${answer.status}`);
      return JSON.parse(answer.body) as ControlState;
    },
  };
}

/**
 * PriceLadder hands out prices a ticker has not shown yet in this run, one tick apart upwards from
 * its current price, with the same number of fraction digits (so the page prints exactly them and
 * the quote carries the very same string).
 */
export class PriceLadder {
  #units: bigint;
  readonly #decimals: number;

  /** @param start the ticker's current price, a plain decimal such as "3456.78". */
  constructor(start: string) {
    const [whole = "0", fraction = ""] = start.split(".");
    this.#decimals = fraction.length;
    this.#units = BigInt(whole + fraction);
  }

  /** next returns the next unused price. */
  next(): string {
    this.#units += 1n;
    if (this.#decimals === 0) return this.#units.toString();
    const digits = this.#units.toString().padStart(this.#decimals + 1, "0");
    return `${digits.slice(0, -this.#decimals)}.${digits.slice(-this.#decimals)}`;
  }
}

/** pausedLadder pauses a ticker's random walk (so only steered prices appear) and returns its ladder. */
export async function pausedLadder(control: SimControl, ticker: string): Promise<PriceLadder> {
  await control.steer(ticker, { reset: true, paused: true });
  const state = await control.state(ticker);
  if (!state.known || state.price === null) throw new Error(`the look-alike does not know ${ticker}`);
  return new PriceLadder(state.price);
}
