/**
 * Configuration: read from the environment once at start, validated, and fatal when wrong with a
 * message that names the variable and says what to put there. Nothing else reads process.env.
 */
import { hostname } from "node:os";
import { fileURLToPath } from "node:url";
import { EXCHANGE_PATTERN } from "@crypto-stream/symbols/symbol.js";
import { z } from "zod";
import { configDefaults as d } from "./config-defaults.js";
import { bool, existingFile, hostNames, httpUrl, instanceId, int, msRange, oneOf, origins, redisUrl, secret, text, upperMatch } from "./config-env.js";
import type { LogLevel } from "./log.js";

export { configDefaults } from "./config-defaults.js";

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
  /** maxAlertsPerWatch caps the alerts one Watch holds at once. */
  maxAlertsPerWatch: number;
  maxSymbolsPerClient: number;
  pageOpensPerMinutePerClient: number;
  pageOpensPerMinute: number;
  maxConcurrentOpens: number;
  sparePages: number;
  maxStreamsPerClient: number;
  /** maxConnectionsPerClient and maxConnections cap open connections (rpc/transport/connection-gate.ts). */
  maxConnectionsPerClient: number;
  maxConnections: number;
  /** requestTimeoutMs: how long a client has to send a request's head and body. */
  requestTimeoutMs: number;
  /** tlsCert and tlsKey (PEM files, both or neither) serve TLS with ALPN (http/1.1, h2) instead of cleartext. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  stallTimeoutMs: number;
  /** apiToken, when set, is required on every RPC. */
  apiToken: string | undefined;
  allowedOrigins: string[];
  /** allowedHosts: names besides loopback names and IP literals this server answers to (DNS-rebinding rule). */
  allowedHosts: string[];
  /** trustedProxy: the server sits behind one reverse proxy that sets X-Forwarded-For. */
  trustedProxy: boolean;
  metricsPublic: boolean;
  /** reflection serves gRPC server reflection (grpc.reflection.v1 and v1alpha). */
  reflection: boolean;
  firstPriceTimeoutMs: number;
  silenceTimeoutMs: number;
  heartbeatIntervalMs: number;
  /** historyMaxPoints caps each symbol's recent quotes sent to newcomers; 0 sends no history. */
  historyMaxPoints: number;
  /** historyWindowMs: how far back a symbol's recent quotes reach. */
  historyWindowMs: number;
  shutdownTimeoutMs: number;
  logLevel: LogLevel;
  /** staticDir holds the built web grid; served at `/` when it exists. */
  staticDir: string;
  simSeed: number;
  simTickMs: number;
  /** simFillDelayMs: [min, max] ms a look-alike page waits for its first price; [0, 0] for none. */
  simFillDelayMs: readonly [number, number];
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

/** The variables, each with its schema; see docs and config-defaults.ts for what they mean. */
const envSchema = z.object({
  PORT: int(d.port, 0, 65_535),
  HOST: text(d.host),
  DEMO: bool(false),
  TRADINGVIEW_BASE_URL: httpUrl(d.tradingViewBaseUrl),
  DEFAULT_EXCHANGE: upperMatch(d.defaultExchange, EXCHANGE_PATTERN, "an exchange such as BINANCE"),
  CHROMIUM_PATH: existingFile(),
  HEADLESS: bool(d.headless),
  MAX_SYMBOLS: int(d.maxSymbols, 1, 1_000),
  MAX_SYMBOLS_PER_WATCH: int(d.maxSymbolsPerWatch, 1, 1_000),
  MAX_ALERTS_PER_WATCH: int(d.maxAlertsPerWatch, 1, 1_000),
  MAX_SYMBOLS_PER_CLIENT: int(d.maxSymbolsPerClient, 1, 1_000),
  PAGE_OPENS_PER_MINUTE_PER_CLIENT: int(d.pageOpensPerMinutePerClient, 1, 100_000),
  PAGE_OPENS_PER_MINUTE: int(d.pageOpensPerMinute, 1, 100_000),
  MAX_CONCURRENT_OPENS: int(d.maxConcurrentOpens, 1, 32),
  SPARE_PAGES: int(d.sparePages, 0, 32),
  MAX_STREAMS_PER_CLIENT: int(d.maxStreamsPerClient, 1, 100_000),
  MAX_CONNECTIONS_PER_CLIENT: int(d.maxConnectionsPerClient, 1, 100_000),
  MAX_CONNECTIONS: int(d.maxConnections, 1, 1_000_000),
  REQUEST_TIMEOUT_MS: int(d.requestTimeoutMs, 100, 600_000),
  TLS_CERT: existingFile("a PEM certificate (chain)"),
  TLS_KEY: existingFile("the PEM private key of TLS_CERT"),
  STALL_TIMEOUT_MS: int(d.stallTimeoutMs, 100, 3_600_000),
  API_TOKEN: secret(),
  ALLOWED_ORIGINS: origins(),
  ALLOWED_HOSTS: hostNames(),
  TRUSTED_PROXY: bool(false),
  METRICS_PUBLIC: bool(false),
  REFLECTION: bool(true),
  FIRST_PRICE_TIMEOUT_MS: int(d.firstPriceTimeoutMs, 100, 600_000),
  SILENCE_TIMEOUT_MS: int(d.silenceTimeoutMs, 100, 86_400_000),
  HEARTBEAT_INTERVAL_MS: int(d.heartbeatIntervalMs, 10, 3_600_000),
  HISTORY_MAX_POINTS: int(d.historyMaxPoints, 0, 10_000),
  HISTORY_WINDOW_MS: int(d.historyWindowMs, 1_000, 86_400_000),
  SHUTDOWN_TIMEOUT_MS: int(d.shutdownTimeoutMs, 100, 600_000),
  LOG_LEVEL: oneOf(d.logLevel, ["debug", "info", "warn", "error"] as const),
  STATIC_DIR: text(fileURLToPath(new URL("../../frontend/dist", import.meta.url))),
  SIM_SEED: int(d.simSeed, 0, 2 ** 31 - 1),
  SIM_TICK_MS: int(d.simTickMs, 10, 60_000),
  SIM_FILL_DELAY_MS: msRange(d.simFillDelayMs, 60_000),
  REDIS_URL: redisUrl(),
  INSTANCE_ID: instanceId(`${hostname()}-${process.pid}`),
  CLUSTER_LEASE_TTL_MS: int(d.clusterLeaseTtlMs, 500, 60_000),
  CLUSTER_INTEREST_TTL_MS: int(d.clusterInterestTtlMs, 1_000, 600_000),
});

/** CONFIG_VARIABLES names every variable loadConfig reads, in the schema's order (run.sh --help lists the same). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Variables whose value a problem report must not repeat: they may hold a password or token. */
const SECRET = new Set(["API_TOKEN", "REDIS_URL"]);
/** Variables whose problems name the offending item themselves. */
const LISTS = new Set(["ALLOWED_ORIGINS", "ALLOWED_HOSTS"]);

/** loadConfig parses `env`. @throws ConfigError listing every invalid variable, each by name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) throw new ConfigError(describe(parsed.error, env));
  const e = parsed.data;
  if ((e.TLS_CERT === undefined) !== (e.TLS_KEY === undefined)) {
    throw new ConfigError(["TLS_CERT and TLS_KEY: set both (a PEM certificate and its key) to serve TLS, or neither for cleartext"]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    demo: e.DEMO,
    tradingViewBaseUrl: e.TRADINGVIEW_BASE_URL,
    defaultExchange: e.DEFAULT_EXCHANGE,
    chromiumPath: e.CHROMIUM_PATH,
    headless: e.HEADLESS,
    maxSymbols: e.MAX_SYMBOLS,
    maxSymbolsPerWatch: e.MAX_SYMBOLS_PER_WATCH,
    maxAlertsPerWatch: e.MAX_ALERTS_PER_WATCH,
    maxSymbolsPerClient: e.MAX_SYMBOLS_PER_CLIENT,
    pageOpensPerMinutePerClient: e.PAGE_OPENS_PER_MINUTE_PER_CLIENT,
    pageOpensPerMinute: e.PAGE_OPENS_PER_MINUTE,
    maxConcurrentOpens: e.MAX_CONCURRENT_OPENS,
    sparePages: e.SPARE_PAGES,
    maxStreamsPerClient: e.MAX_STREAMS_PER_CLIENT,
    maxConnectionsPerClient: e.MAX_CONNECTIONS_PER_CLIENT,
    maxConnections: e.MAX_CONNECTIONS,
    requestTimeoutMs: e.REQUEST_TIMEOUT_MS,
    tlsCert: e.TLS_CERT,
    tlsKey: e.TLS_KEY,
    stallTimeoutMs: e.STALL_TIMEOUT_MS,
    apiToken: e.API_TOKEN,
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedHosts: e.ALLOWED_HOSTS,
    trustedProxy: e.TRUSTED_PROXY,
    metricsPublic: e.METRICS_PUBLIC,
    reflection: e.REFLECTION,
    firstPriceTimeoutMs: e.FIRST_PRICE_TIMEOUT_MS,
    silenceTimeoutMs: e.SILENCE_TIMEOUT_MS,
    heartbeatIntervalMs: e.HEARTBEAT_INTERVAL_MS,
    historyMaxPoints: e.HISTORY_MAX_POINTS,
    historyWindowMs: e.HISTORY_WINDOW_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    staticDir: e.STATIC_DIR,
    simSeed: e.SIM_SEED,
    simTickMs: e.SIM_TICK_MS,
    simFillDelayMs: e.SIM_FILL_DELAY_MS,
    redisUrl: e.REDIS_URL,
    instanceId: e.INSTANCE_ID,
    clusterLeaseTtlMs: e.CLUSTER_LEASE_TTL_MS,
    clusterInterestTtlMs: e.CLUSTER_INTEREST_TTL_MS,
  };
}

/** describe turns zod's issues into one line per problem: `NAME="value": what to use`. */
function describe(error: z.ZodError, env: NodeJS.ProcessEnv): string[] {
  const lines = error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const value = env[name]?.trim();
    const shown = SECRET.has(name) || LISTS.has(name) ? name : `${name}="${value}"`;
    return `${shown}: ${issue.message}`;
  });
  return [...new Set(lines)];
}
