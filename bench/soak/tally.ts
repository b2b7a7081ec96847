/**
 * What the soak's clients saw: streams opened and quotes received, the errors the load provoked
 * on purpose (bad input), and every error it did not expect, which fails the soak.
 */
import { Code, ConnectError } from "@connectrpc/connect";

/** UnexpectedError is one call that ended in a way the soak did not ask for. */
export interface UnexpectedError {
  /** atS is seconds since the load started. */
  readonly atS: number;
  /** what names the call and what the soak expected, e.g. "StreamPrice(BTCUSD) ended on its own". */
  readonly what: string;
  /** code is the Connect code's name ("unavailable"), or "none" for an error without one. */
  readonly code: string;
  readonly message: string;
}

/** KEPT bounds the unexpected errors kept in detail; the count goes on. */
const KEPT = 50;

/** Tally counts one soak's client-side outcomes. */
export class Tally {
  readonly #startedAt = performance.now();
  /** opened counts streams opened and bad calls made, by kind ("steady Watch", "churn StreamPrice", "bad input"). */
  readonly opened = new Map<string, number>();
  /** expected counts errors provoked on purpose, by "what → code". */
  readonly expected = new Map<string, number>();
  /** abortedBeforeFirstQuote and abortedAfterQuotes count churned streams by when they were ended. */
  abortedBeforeFirstQuote = 0;
  abortedAfterQuotes = 0;
  updates = 0;
  quotes = 0;
  unexpectedCount = 0;
  readonly unexpected: UnexpectedError[] = [];

  open(kind: string): void {
    this.opened.set(kind, (this.opened.get(kind) ?? 0) + 1);
  }

  /** expect records `error` as expected when it carries `code`, else as unexpected. */
  expect(what: string, error: unknown, code: Code): void {
    const connect = error === null || error === undefined ? undefined : ConnectError.from(error);
    if (connect?.code === code) {
      const key = `${what} → ${Code[code]}`;
      this.expected.set(key, (this.expected.get(key) ?? 0) + 1);
      return;
    }
    this.fail(`${what}: expected ${Code[code]}`, connect ?? "it succeeded");
  }

  /** fail records an unexpected outcome: an error, or a sentence saying what happened instead. */
  fail(what: string, error: unknown): void {
    this.unexpectedCount++;
    if (this.unexpected.length >= KEPT) return;
    const connect = typeof error === "string" ? undefined : ConnectError.from(error);
    this.unexpected.push({
      atS: Math.round((performance.now() - this.#startedAt) / 100) / 10,
      what,
      code: connect ? Code[connect.code] : "none",
      message: connect ? connect.rawMessage : String(error),
    });
  }

  /** toJSON turns the maps into objects for the record. */
  toJSON(): Record<string, unknown> {
    return {
      opened: Object.fromEntries(this.opened),
      expected: Object.fromEntries(this.expected),
      abortedBeforeFirstQuote: this.abortedBeforeFirstQuote,
      abortedAfterQuotes: this.abortedAfterQuotes,
      updates: this.updates,
      quotes: this.quotes,
      unexpectedCount: this.unexpectedCount,
      unexpected: this.unexpected,
    };
  }
}
