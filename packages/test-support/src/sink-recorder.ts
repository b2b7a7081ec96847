/**
 * A LiveSink for the look-alike market's unit tests: it keeps what the market sent, in order. It
 * returns data; the tests assert.
 */
import type { LiveSink } from "@crypto-stream/backend/sim";

/**
 * createSinkRecorder returns a sink and the list it fills: each price as its text, and "clear",
 * "rerender" or "end" for the other calls.
 */
export function createSinkRecorder(): { events: string[]; sink: LiveSink } {
  const events: string[] = [];
  const sink: LiveSink = {
    price: ({ price }) => events.push(price),
    clear: () => events.push("clear"),
    rerender: () => events.push("rerender"),
    end: () => events.push("end"),
  };
  return { events, sink };
}
