/**
 * The process: the only file with side effects. Reads config, listens, wires the parts, and owns
 * shutdown: on SIGINT, SIGTERM or SIGHUP it turns not-ready, ends every stream with UNAVAILABLE,
 * closes the server, hands its cluster leases over, closes pages and browser, and exits 0; a hard
 * timer and a second signal force the exit. Chromium is launched without Playwright's own signal
 * handlers (scraper/browser-session.ts), so nothing else acts on these signals.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { AddressInfo, Server } from "node:net";
import { setImmediate as nextTurn } from "node:timers/promises";
import { createActivity } from "./activity/index.js";
import { createClusterSource, RedisUnavailableError, type ClusterSource } from "./cluster/index.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { findChromium, INSTALL_HINT } from "./find-chromium.js";
import { composeObservers } from "./hub/compose-observers.js";
import { createHub } from "./hub/hub.js";
import { createLogger, type Logger } from "./log.js";
import { Metrics } from "./metrics/index.js";
import { createScraper, type Scraper } from "./scraper/index.js";
import type { Http2StreamListener } from "./rpc/transport/offer-streams-first.js";
import { createTransport, type Http2Listener } from "./rpc/transport/transport-server.js";
import { listensOnLoopbackOnly } from "./rpc/access.js";
import { createApp } from "./server/create-app.js";
import { createSimMarket, createSimRouter, createSimUpgrade } from "./sim/index.js";
import { readServerVersion } from "./version.js";

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const config = configOrExit();
  const logger = createLogger({ level: config.logLevel });
  const executablePath = findChromium(config.chromiumPath);
  if (!executablePath) {
    logger.error("browser.not_found", { chromiumPath: config.chromiumPath, hint: INSTALL_HINT });
    process.exit(1);
  }

  // Listening comes first (the look-alike's URL needs the port), so a request can arrive while the
  // app is being built (joining Redis takes a round trip): answer it, or a probe waits forever.
  let serveHttp1: (req: IncomingMessage, res: ServerResponse) => void = answerStarting;
  let serveHttp2: Http2Listener = answerStarting;
  let takeHttp2Stream: Http2StreamListener = () => false;
  let simUpgrade: ReturnType<typeof createSimUpgrade> | undefined;
  const transport = createTransport({
    http1: (req, res) => serveHttp1(req, res),
    http2: (req, res) => serveHttp2(req, res),
    http2Stream: (stream, headers) => takeHttp2Stream(stream, headers),
    upgrade: (req, socket, head) => {
      if (!simUpgrade?.handle(req, socket, head)) socket.destroy();
    },
    tls: config.tlsCert !== undefined && config.tlsKey !== undefined ? { cert: readFileSync(config.tlsCert), key: readFileSync(config.tlsKey) } : undefined,
    limits: config,
    logger: logger.child({ area: "transport" }),
  });
  const port = await listen(transport.server, config, logger);
  const shutdown = new AbortController();
  const activity = createActivity();
  const sim = config.demo ? createSimMarket({ seed: config.simSeed, tickMs: config.simTickMs, fillDelayMs: config.simFillDelayMs, logger: logger.child({ area: "sim" }) }) : undefined;
  const baseUrl = sim ? `http://127.0.0.1:${port}/sim` : config.tradingViewBaseUrl;
  const scraper = createScraper({
    baseUrl,
    defaultExchange: config.defaultExchange,
    executablePath,
    headless: config.headless,
    firstPriceTimeoutMs: config.firstPriceTimeoutMs,
    silenceTimeoutMs: config.silenceTimeoutMs,
    maxConcurrentOpens: config.maxConcurrentOpens,
    sparePages: config.sparePages,
    // The look-alike is this server, on loopback; real pages must not reach this machine or its network.
    blockPrivateNetwork: !config.demo,
    logger: logger.child({ area: "scraper" }),
    onEvent: activity.scraperEvent,
  });
  const cluster = config.redisUrl ? await joinClusterOrExit(config, config.redisUrl, scraper, logger) : undefined;
  const source = cluster ?? scraper;
  const metrics = new Metrics();
  const hub = createHub({
    source,
    maxSymbols: config.maxSymbols,
    logger: logger.child({ area: "hub" }),
    observer: composeObservers(metrics.hubObserver(), activity.hubObserver),
    history: { maxPoints: config.historyMaxPoints, windowMs: config.historyWindowMs },
  });
  const app = createApp({
    hub,
    // Readiness reports the browser and Redis apart: the cluster's own ready() would blur them.
    source: scraper,
    cluster,
    logger,
    shutdown: shutdown.signal,
    streams: config,
    access: config,
    metrics,
    openPages: () => scraper.openPageCount(),
    staticDir: config.staticDir,
    sim: sim ? createSimRouter(sim) : undefined,
    status: {
      activity,
      server: { version: readServerVersion(), instanceId: config.instanceId, startedAt, demo: config.demo },
      browser: () => scraper.status(),
    },
  });
  serveHttp1 = app.listener;
  serveHttp2 = app.http2;
  takeHttp2Stream = app.http2Stream;
  simUpgrade = sim ? createSimUpgrade(sim, "/sim") : undefined;
  logger.info("server.started", {
    url: `${config.tlsCert === undefined ? "http" : "https"}://localhost:${port}`,
    demo: config.demo,
    tradingView: baseUrl,
    chromium: executablePath,
    headless: config.headless,
  });

  if (!config.apiToken && !listensOnLoopbackOnly(config.host)) {
    logger.warn("server.open_without_token", {
      host: config.host,
      hint: "anyone who can reach this address can open pages and read status and activity: set API_TOKEN, or HOST=127.0.0.1",
    });
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn("server.forced_exit", { signal });
      process.exit(130);
    }
    stopping = true;
    logger.info("server.stopping", { signal });
    const hardStop = setTimeout(() => {
      logger.error("server.shutdown_timeout", { timeoutMs: config.shutdownTimeoutMs });
      process.exit(1);
    }, config.shutdownTimeoutMs);
    hardStop.unref();
    activity.shutdown();
    // One turn lets activity streams write the shutdown event before every stream ends.
    await nextTurn();
    shutdown.abort();
    // Streams have ended with UNAVAILABLE by now; whatever is left after a moment is idle keep-alive.
    const closed = transport.close(500);
    await hub.close();
    await closed;
    await cluster?.close();
    await scraper.close();
    simUpgrade?.close();
    sim?.close();
    activity.close();
    logger.info("server.stopped");
    process.exit(0);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void stop(signal));
}

/** joinClusterOrExit joins the instances sharing REDIS_URL; if Redis is unreachable, says so and exits 1. */
async function joinClusterOrExit(config: Config, redisUrl: string, local: Scraper, logger: Logger): Promise<ClusterSource> {
  try {
    return await createClusterSource({
      redisUrl,
      instanceId: config.instanceId,
      local,
      leaseTtlMs: config.clusterLeaseTtlMs,
      interestTtlMs: config.clusterInterestTtlMs,
      logger: logger.child({ area: "cluster" }),
    });
  } catch (error) {
    if (!(error instanceof RedisUnavailableError)) throw error;
    logger.error("cluster.redis_unreachable", { redis: error.url, hint: error.message });
    await local.close();
    process.exit(1);
  }
}

function answerStarting(_req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse): void {
  res.writeHead(503, { "content-type": "application/json", "retry-after": "1" });
  res.end(JSON.stringify({ status: "not ready", reason: "the server is starting" }));
}

/**
 * Connections the kernel may hold ready for accept. Node's default (511) overflows when a thousand
 * streams open at once while the loop is busy fanning out; the overflow waits in SYN-RECV and, if
 * the queue stays full past the SYN-ACK retries, is reset (ECONNRESET) before the server sees it.
 * Linux caps this at net.core.somaxconn, which is how an operator tunes it.
 */
const LISTEN_BACKLOG = 4_096;

function listen(http: Server, config: Config, logger: Logger): Promise<number> {
  return new Promise((resolve) => {
    http.once("error", (error: NodeJS.ErrnoException) => {
      const hint =
        error.code === "EADDRINUSE"
          ? `port ${config.port} is already in use on ${config.host}; stop what holds it or set PORT to another port`
          : error.message;
      logger.error("server.listen_failed", { port: config.port, host: config.host, code: error.code, hint });
      process.exit(1);
    });
    http.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve((http.address() as AddressInfo).port));
  });
}

void main();
