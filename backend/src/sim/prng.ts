/**
 * Seeded randomness for the look-alike, so a run can be replayed: the same seed and ticker give
 * the same walk on every machine.
 */

/** Random returns a float in [0, 1), like Math.random. */
export type Random = () => number;

/**
 * mulberry32 is a tiny 32-bit PRNG: fast, well spread, and plenty for a price walk. It is not
 * cryptographic and must never be used where unpredictability matters.
 */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** hashTicker is 32-bit FNV-1a over the ticker, so each symbol gets its own stream of numbers. */
function hashTicker(ticker: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < ticker.length; i++) {
    hash ^= ticker.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** randomFor seeds a generator for one ticker from the market's seed. */
export function randomFor(seed: number, ticker: string): Random {
  return mulberry32((seed + hashTicker(ticker)) >>> 0);
}
