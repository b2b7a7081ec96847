/**
 * The rule for what a feed sends when the page reports a price: only changes, `live` first, and
 * never a fallback guess as the first value a symbol shows. Pure and synchronous; one per feed,
 * kept across reloads and browser restarts so a reload that shows the same price sends nothing.
 */
import { sameQuote } from "../hub/events.js";
import { parsePrice } from "./parse-price.js";
import { parseChange, parseChangePercent } from "./tradingview.js";

/** PriceVia says how the page found the text: a stable selector, or the fallback. */
export type PriceVia = "selector" | "fallback";

/** GateQuote is a quote to send: the price, and the change beside it where the page showed one. */
export interface GateQuote {
  readonly price: string;
  readonly change?: string;
  readonly changePercent?: string;
}

/** GateStep is what to send for one report: `live` first when set, then `quote` when not null. */
export interface GateStep {
  readonly live: boolean;
  readonly quote: GateQuote | null;
  /** ignored says why a report sent nothing at all, for the log. */
  readonly ignored?: "unparsable" | "fallback_first";
}

/** ChangeTexts are the change area's texts as the page showed them, null where it has none. */
export interface ChangeTexts {
  readonly change: string | null;
  readonly changePercent: string | null;
}

const NO_CHANGE: ChangeTexts = { change: null, changePercent: null };

/** PriceGate remembers the last quote sent and whether the feed has announced `live`. Internal. */
export class PriceGate {
  #last: GateQuote | null = null;
  #live = false;

  /**
   * offer decides what to send for `text` as the page showed it, with the change beside it. A quote
   * goes out when the price changed (carrying whatever change is shown, or none), and when the
   * change or percent moved to a new readable value without the price (the daily rollover). A
   * change that merely vanishes or stops parsing sends nothing: a price is never held back or
   * repeated for want of a change.
   */
  offer(text: string, via: PriceVia, texts: ChangeTexts = NO_CHANGE): GateStep {
    const price = parsePrice(text);
    if (price === null) return { live: false, quote: null, ignored: "unparsable" };
    if (via === "fallback" && this.#last === null) {
      return { live: false, quote: null, ignored: "fallback_first" };
    }
    const live = !this.#live;
    this.#live = true;
    const quote = quoteOf(price, texts);
    if (!this.#moved(quote)) return { live, quote: null };
    this.#last = quote;
    return { live, quote };
  }

  /** interrupted says the feed left `live` (reload, crash, restart); the next price re-announces it. */
  interrupted(): void {
    this.#live = false;
  }

  /** isLive is true between the first accepted price and the next interruption. */
  isLive(): boolean {
    return this.#live;
  }

  #moved(quote: GateQuote): boolean {
    const last = this.#last;
    // A change that vanished or stopped parsing is no news: it reads as the change last sent.
    return last === null || !sameQuote({ ...last, ...quote }, last);
  }
}

function quoteOf(price: string, texts: ChangeTexts): GateQuote {
  const change = texts.change === null ? null : parseChange(texts.change);
  const changePercent = texts.changePercent === null ? null : parseChangePercent(texts.changePercent);
  return {
    price,
    ...(change === null ? {} : { change }),
    ...(changePercent === null ? {} : { changePercent }),
  };
}
