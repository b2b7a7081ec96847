/**
 * Configuration: read from the environment once at start, validated, and fatal when wrong with a
 * message that names the variable and says what to put there. Nothing else reads process.env.
 */
import { existsSync } from "node:fs";
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { DEFAULT_EXCHANGE, EXCHANGE_PATTERN } from "@crypto-stream/symbols/symbol.js";
import type { LogLevel } from "./log.js";

export interface Config {
  port: number;
  host: string;
  /** demo: point the scraper at the TradingView look-alike served by this backend. */
  demo: boolean;
  tradingViewBaseUrl: string;
  defaultExchange: string;
  /** chromiumPath: undefined lets the scraper use Playwright's own Chromium. */
  chromiumPath: string | undefined;
  headless: boolean;
  maxSymbols: number;
  maxSymbolsPerWatch: number;
  maxConcurrentOpens: number;
  maxStreamsPerClient: number;
  stallTimeoutMs: number;
  /** apiToken, when set, is required on every RPC. */
  apiToken: string | undefined;
  allowedOrigins: string[];
  metricsPublic: boolean;
  firstPriceTimeoutMs: number;
  silenceTimeoutMs: number;
  heartbeatIntervalMs: number;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  /** staticDir holds the built web grid; served at `/` when it exists. */
  staticDir: string;
  simSeed: number;
  simTickMs: number;
  /** redisUrl, when set, joins the instances sharing that Redis into one cluster (docs/CLUSTER.md). */
  redisUrl: string | undefined;
  /** instanceId names this instance in the cluster's logs and status. */
  instanceId: string;
  /** clusterLeaseTtlMs: how long a dead instance keeps its symbols' pages from the others. */
  clusterLeaseTtlMs: number;
  /** clusterInterestTtlMs: how long a dead instance's subscribers keep a page open elsewhere. */
  clusterInterestTtlMs: number;
}

/** ConfigError lists every problem found, one per line. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join("\n  - ")}`);
  }
}

/** The Chromium builds run.sh and the scraper look for, in order, when CHROMIUM_PATH is unset. */
export const SYSTEM_CHROMIUM_PATHS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
];

const defaultStaticDir = fileURLToPath(new URL("../../frontend/dist", import.meta.url));

/** loadConfig parses `env`. @throws ConfigError listing every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const read = new Reader(env, problems);
  const config: Config = {
    port: read.int("PORT", 3000, 0, 65_535),
    host: read.string("HOST", "127.0.0.1"),
    demo: read.bool("DEMO", false),
    tradingViewBaseUrl: read.url("TRADINGVIEW_BASE_URL", "https://www.tradingview.com"),
    defaultExchange: read.match("DEFAULT_EXCHANGE", DEFAULT_EXCHANGE, EXCHANGE_PATTERN, "an exchange such as BINANCE"),
    chromiumPath: read.optionalFile("CHROMIUM_PATH"),
    headless: read.bool("HEADLESS", false),
    maxSymbols: read.int("MAX_SYMBOLS", 50, 1, 1_000),
    maxSymbolsPerWatch: read.int("MAX_SYMBOLS_PER_WATCH", 50, 1, 1_000),
    maxConcurrentOpens: read.int("MAX_CONCURRENT_OPENS", 4, 1, 32),
    maxStreamsPerClient: read.int("MAX_STREAMS_PER_CLIENT", 100, 1, 100_000),
    stallTimeoutMs: read.int("STALL_TIMEOUT_MS", 30_000, 100, 3_600_000),
    apiToken: read.secret("API_TOKEN"),
    allowedOrigins: read.origins("ALLOWED_ORIGINS"),
    metricsPublic: read.bool("METRICS_PUBLIC", false),
    firstPriceTimeoutMs: read.int("FIRST_PRICE_TIMEOUT_MS", 20_000, 100, 600_000),
    silenceTimeoutMs: read.int("SILENCE_TIMEOUT_MS", 120_000, 100, 86_400_000),
    heartbeatIntervalMs: read.int("HEARTBEAT_INTERVAL_MS", 15_000, 10, 3_600_000),
    shutdownTimeoutMs: read.int("SHUTDOWN_TIMEOUT_MS", 10_000, 100, 600_000),
    logLevel: read.oneOf("LOG_LEVEL", "info", ["debug", "info", "warn", "error"] as const),
    staticDir: read.string("STATIC_DIR", defaultStaticDir),
    simSeed: read.int("SIM_SEED", 42, 0, 2 ** 31 - 1),
    simTickMs: read.int("SIM_TICK_MS", 1_000, 10, 60_000),
    redisUrl: read.redisUrl("REDIS_URL"),
    instanceId: read.instanceId("INSTANCE_ID", `${hostname()}-${process.pid}`),
    clusterLeaseTtlMs: read.int("CLUSTER_LEASE_TTL_MS", 5_000, 500, 60_000),
    clusterInterestTtlMs: read.int("CLUSTER_INTEREST_TTL_MS", 15_000, 1_000, 600_000),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

class Reader {
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === "" ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+$/.test(value) || n < min || n > max) {
      this.problems.push(`${name}="${value}": use a whole number from ${min} to ${max} (default ${fallback})`);
      return fallback;
    }
    return n;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (["1", "true", "yes"].includes(value)) return true;
    if (["0", "false", "no"].includes(value)) return false;
    this.problems.push(`${name}="${value}": use true or false`);
    return fallback;
  }

  url(name: string, fallback: string): string {
    const value = this.raw(name) ?? fallback;
    try {
      const url = new URL(value);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
      return value.replace(/\/+$/, "");
    } catch {
      this.problems.push(`${name}="${value}": use an http(s) URL such as ${fallback}`);
      return fallback;
    }
  }

  match(name: string, fallback: string, pattern: RegExp, what: string): string {
    const value = this.raw(name)?.toUpperCase() ?? fallback;
    if (!pattern.test(value)) this.problems.push(`${name}="${value}": use ${what}`);
    return value;
  }

  oneOf<T extends string>(name: string, fallback: T, values: readonly T[]): T {
    const value = this.raw(name)?.toLowerCase() ?? fallback;
    const found = values.find((v) => v === value);
    if (found === undefined) this.problems.push(`${name}="${value}": use one of ${values.join(", ")}`);
    return found ?? fallback;
  }

  secret(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && value.length < 16) {
      this.problems.push(`${name}: use at least 16 characters (e.g. \`openssl rand -hex 32\`)`);
    }
    return value;
  }

  origins(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return value.split(",").flatMap((item) => {
      const origin = item.trim();
      if (origin === "") return [];
      try {
        const url = new URL(origin);
        if (url.origin === origin.replace(/\/+$/, "")) return [url.origin];
      } catch {
        // reported below
      }
      this.problems.push(`${name}: "${origin}" is not an origin; use e.g. https://example.com,http://localhost:5173`);
      return [];
    });
  }

  /** redisUrl never echoes the value back: it may hold a password. */
  redisUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let protocol = "";
    try {
      protocol = new URL(value).protocol;
    } catch {
      // reported below
    }
    if (protocol === "redis:" || protocol === "rediss:") return value;
    this.problems.push(`${name}: use a URL such as redis://127.0.0.1:6379 (rediss:// for TLS), or unset it to run a single instance`);
    return undefined;
  }

  instanceId(name: string, fallback: string): string {
    const value = this.raw(name);
    if (value === undefined) return fallback.replace(/[^A-Za-z0-9._-]+/g, "-").slice(0, 64);
    if (!/^[A-Za-z0-9._-]{1,64}$/.test(value)) this.problems.push(`${name}="${value}": use at most 64 letters, digits, ".", "_" or "-"`);
    return value;
  }

  optionalFile(name: string): string | undefined {
    const value = this.raw(name);
    if (value !== undefined && !existsSync(value)) {
      this.problems.push(`${name}="${value}": no such file; point it at a Chromium or Chrome executable, or unset it`);
    }
    return value;
  }
}
