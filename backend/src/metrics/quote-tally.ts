/**
 * Counts the quotes written to client streams from the fan-out's hot path, where it is told once
 * per quote per stream: 40,000 times a second at 10,000 subscribers of one symbol. There it costs
 * an increment and a comparison. One quote goes out to all its streams in one synchronous turn, so
 * the clock is read and the delivery time observed once per quote and turn, not once per stream;
 * a quote a slow client gets in a later turn is observed again then, late as it is.
 */
import type { Histogram } from "prom-client";

/** QuoteTally is owned by Metrics; `take` hands its count to the counter when scraped. */
export class QuoteTally {
  private untaken = 0;
  /** last is the quote (its observedAt, shared by every stream's copy) told last this turn. */
  private last: Date | undefined;
  /** observed holds the other quotes observed this turn: a catch-up turn tells several in turn. */
  private readonly observed = new Set<Date>();
  private turnEnding = false;
  private readonly endTurn = () => {
    this.last = undefined;
    this.observed.clear();
    this.turnEnding = false;
  };

  constructor(
    private readonly delivery: Pick<Histogram, "observe">,
    private readonly now: () => number = Date.now,
  ) {}

  /** sent counts one quote written to one stream; `observedAt` is when the scraper saw it. */
  sent(observedAt: Date): void {
    this.untaken += 1;
    if (observedAt === this.last) return;
    this.last = observedAt;
    if (this.observed.has(observedAt)) return;
    this.observed.add(observedAt);
    if (!this.turnEnding) {
      this.turnEnding = true;
      queueMicrotask(this.endTurn);
    }
    this.delivery.observe(Math.max(0, this.now() - observedAt.getTime()) / 1000);
  }

  /** take returns the quotes sent since the last take. */
  take(): number {
    const count = this.untaken;
    this.untaken = 0;
    return count;
  }
}
