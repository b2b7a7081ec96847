/**
 * The encoding one event-loop turn may do, for every stream together. Encoding is synchronous
 * (serialize, then compress): a Watch of many symbols, each with a full history, asks for
 * megabytes of it at once, and done in one go it stalls every other request, probes included.
 * So fresh encoding (what the frame cache had not encoded yet) is counted against a per-turn
 * budget; a stream that finds the budget spent stops and goes on at a later turn, after the I/O
 * that waited. However many requests ask, one turn encodes at most about the budget (plus one
 * item). Frames the cache already holds cost nothing and are never held back.
 */

/**
 * ENCODE_BUDGET_BYTES is how many serialized bytes one turn may encode: about one full history
 * (300 quotes, 39 KB as JSON), about 1–2 ms of serialization and compression on an idle core.
 */
const ENCODE_BUDGET_BYTES = 32 * 1024;

/** EncodeBudget is shared by every stream of a process. */
export interface EncodeBudget {
  /** spend counts `bytes` just serialized (before compression) against this turn's budget. */
  spend(bytes: number): void;
  /** exhausted is true once this turn's budget is spent: take `next` rather than encode more. */
  readonly exhausted: boolean;
  /** next runs `resume` once on a later turn, after pending I/O, in the order asked. */
  next(resume: () => void): void;
}

/** createEncodeBudget makes the process's budget; it holds nothing once no stream waits. */
export function createEncodeBudget(bytesPerTurn = ENCODE_BUDGET_BYTES): EncodeBudget {
  let used = 0;
  let armed = false;
  let waiting: (() => void)[] = [];
  // setImmediate runs after the turn's I/O callbacks: a new turn starts there, and whoever waited
  // goes on. One scheduled callback for every waiting stream.
  const newTurn = () => {
    armed = false;
    used = 0;
    const resuming = waiting;
    waiting = [];
    for (const resume of resuming) resume();
  };
  const arm = () => {
    if (armed) return;
    armed = true;
    setImmediate(newTurn);
  };
  return {
    spend(bytes) {
      used += bytes;
      arm();
    },
    get exhausted() {
      return used >= bytesPerTurn;
    },
    next(resume) {
      waiting.push(resume);
      arm();
    },
  };
}
