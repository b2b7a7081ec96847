/**
 * The soak's command line: `--minutes M` (0.25 to 120, default 3), `--interval S` (seconds between
 * samples; by default 10, shorter in short runs so they still get about ten), `--seed N`.
 */

/** SoakOptions are the checked arguments. */
export interface SoakOptions {
  readonly minutes: number;
  readonly intervalS: number;
  /** warmupS: samples before it are marked "warm-up" and are not the reference for growth. */
  readonly warmupS: number;
  readonly seed: number;
}

const MIN_MINUTES = 0.25;
const MAX_MINUTES = 120;
const DEFAULT_MINUTES = 3;

/** UsageError is a wrong argument, said in words; the caller prints it and exits 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const USAGE = `usage: npm run soak -- [--minutes M] [--interval S] [--seed N]
  --minutes M   how long the load runs, ${MIN_MINUTES} to ${MAX_MINUTES} (default ${DEFAULT_MINUTES})
  --interval S  seconds between samples (default 10; shorter for runs under 100 s)
  --seed N      seed of the load's random choices (default: from the clock)`;

/** parseOptions reads `argv` (`--name value` or `--name=value`). @throws UsageError */
export function parseOptions(argv: readonly string[]): SoakOptions {
  const given = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--(minutes|interval|seed)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${match[1]!} needs a value`);
    given.set(match[1]!, value);
  }
  const minutes = number(given.get("minutes") ?? String(DEFAULT_MINUTES), "--minutes");
  if (minutes < MIN_MINUTES || minutes > MAX_MINUTES) {
    throw new UsageError(`--minutes ${minutes} is out of range: a soak runs ${MIN_MINUTES} to ${MAX_MINUTES} minutes (bounded on purpose; run it again for longer)`);
  }
  const durationS = minutes * 60;
  const intervalS = given.has("interval") ? number(given.get("interval")!, "--interval") : Math.min(10, Math.max(2, Math.round(durationS / 10)));
  if (intervalS < 1 || intervalS > durationS) throw new UsageError(`--interval ${intervalS} must be between 1 and the run's ${durationS} s`);
  const seed = given.has("seed") ? number(given.get("seed")!, "--seed") : Date.now() % 2 ** 31;
  if (!Number.isInteger(seed)) throw new UsageError("--seed must be an integer");
  // A fifth of the run, at most a minute: long enough for every steady watch and page to be open.
  const warmupS = Math.min(60, durationS / 5);
  return { minutes, intervalS, warmupS, seed };
}

function number(text: string, name: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value)) throw new UsageError(`${name} must be a number, not ${JSON.stringify(text)}`);
  return value;
}
