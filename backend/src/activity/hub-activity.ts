/**
 * Turns the hub's plain feed events into activity: a symbol watched (its feed opened for a first
 * subscriber) or released (its last subscriber left), and each state change its subscribers see.
 * Prices update the symbol board only: one event per price would flush the log in seconds.
 */
import type { HubObserver } from "../hub/hub.js";
import type { FeedState } from "../hub/price-source.js";
import type { ActivityLog } from "./activity-log.js";
import type { SymbolBoard } from "./symbol-board.js";

/** createHubActivity returns a HubObserver that records into `log` and keeps `board`. Never throws. */
export function createHubActivity(log: ActivityLog, board: SymbolBoard, now: () => Date = () => new Date()): HubObserver {
  return {
    observation(symbol, observation) {
      board.price(symbol, observation.price, observation.observedAt);
    },
    state(symbol: string, state: FeedState, detail: string) {
      if (state === "loading") {
        if (board.has(symbol)) {
          log.record("reconnecting", symbol, `${symbol}: trying again for a new subscriber after it failed`);
          return;
        }
        board.watched(symbol, now());
        log.record("symbol_watched", symbol, `${symbol}: first subscriber; opening its page`);
        return;
      }
      if (state === "live") {
        log.record("page_live", symbol, `${symbol}: live; prices are being read`);
        return;
      }
      const words = detail || defaultDetail[state];
      board.problem(symbol, words, now());
      log.record(state, symbol, `${symbol}: ${headline[state]}: ${words}`);
    },
    released(symbol) {
      board.released(symbol);
      log.record("symbol_released", symbol, `${symbol}: last subscriber left; its page closes`);
    },
  };
}

const headline = { reconnecting: "reconnecting", not_found: "not found", failed: "failed" } as const;

const defaultDetail = {
  reconnecting: "the page failed or went silent",
  not_found: "TradingView has no such symbol",
  failed: "no price could be read after several attempts",
} as const;
