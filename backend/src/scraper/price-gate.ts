/**
 * The rule for what a feed sends when the page reports a price: only changes, `live` first, and
 * never a fallback guess as the first value a symbol shows. Pure and synchronous; one per feed,
 * kept across reloads and browser restarts so a reload that shows the same price sends nothing.
 */
import { parsePrice } from "./parse-price.js";

/** PriceVia says how the page found the text: a stable selector, or the fallback. */
export type PriceVia = "selector" | "fallback";

/** GateStep is what to send for one report: `live` first when set, then `price` when not null. */
export interface GateStep {
  readonly live: boolean;
  readonly price: string | null;
  /** ignored says why a report sent nothing at all, for the log. */
  readonly ignored?: "unparsable" | "fallback_first";
}

/** PriceGate remembers the last price sent and whether the feed has announced `live`. Internal. */
export class PriceGate {
  #last: string | null = null;
  #live = false;

  /** offer decides what to send for `text` as the page showed it. */
  offer(text: string, via: PriceVia): GateStep {
    const price = parsePrice(text);
    if (price === null) return { live: false, price: null, ignored: "unparsable" };
    if (via === "fallback" && this.#last === null) {
      return { live: false, price: null, ignored: "fallback_first" };
    }
    const live = !this.#live;
    this.#live = true;
    if (price === this.#last) return { live, price: null };
    this.#last = price;
    return { live, price };
  }

  /** interrupted says the feed left `live` (reload, crash, restart); the next price re-announces it. */
  interrupted(): void {
    this.#live = false;
  }

  /** isLive is true between the first accepted price and the next interruption. */
  isLive(): boolean {
    return this.#live;
  }
}
