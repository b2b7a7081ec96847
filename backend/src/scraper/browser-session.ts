/**
 * The one shared Chromium and its one BrowserContext, relaunched when the browser dies.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright";
import type { Logger } from "../log.js";
import { backoffDelay } from "./backoff.js";
import { PageLifecycle } from "./page-lifecycle.js";
import { observerInitScript } from "./page-observer.js";
import { OBSERVER_BINDING, checkReport, type PageReport } from "./page-report.js";
import type { PrivateNetworkRule } from "./private-network.js";
import { isBlockedRequest } from "./tradingview.js";

/** BrowserSessionOptions configure the launch and say where page reports and losses go. */
export interface BrowserSessionOptions {
  readonly executablePath: string | undefined;
  readonly headless: boolean;
  readonly relaunchBackoffMs: number;
  readonly logger: Logger;
  /**
   * privateNetwork, when set, keeps pages off this machine and its private network: requests of any
   * kind (from the page, its frames and workers) through the request blocking, and the page's
   * WebSockets through a Playwright WebSocket route on the context. Undefined blocks none.
   */
  readonly privateNetwork: PrivateNetworkRule | undefined;
  /** onReport receives each report a page sends through the observer binding. Must not throw. */
  readonly onReport: (page: Page, report: PageReport) => void;
  /** onLost is called when the browser died unexpectedly; a relaunch is already under way. */
  readonly onLost: () => void;
  /** onLaunched is called with the browser's version each time one is up (the first and every relaunch). */
  readonly onLaunched: (version: string) => void;
}

/** BrowserClosedError rejects `context()` once the session is closed. */
class BrowserClosedError extends Error {
  override readonly name = "BrowserClosedError";
  constructor() {
    super("the scraper's browser is closed");
  }
}

interface Launched {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly pid: number | undefined;
  /** cdp is the browser-level CDP session, kept for PageLifecycle's close fallback. */
  readonly cdp: CDPSession;
}

// Playwright adds its own defaults; these keep Chromium from phoning home and from needing /dev/shm.
const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--disable-sync",
];

/**
 * BrowserSession owns the browser: it launches at construction, relaunches with backoff whenever
 * the browser disconnects without being asked to, and is the only thing that closes it. Pages opened
 * in `context()` belong to their callers. Internal to the scraper.
 */
export class BrowserSession {
  readonly #options: BrowserSessionOptions;
  readonly #log: Logger;
  readonly #closing = new AbortController();
  #current: Promise<Launched>;
  #launched: Launched | undefined;
  #closed: Promise<void> | undefined;
  readonly #pages: PageLifecycle;

  constructor(options: BrowserSessionOptions) {
    this.#options = options;
    this.#log = options.logger;
    this.#pages = new PageLifecycle(() => this.#launched?.cdp, options.logger, {
      isBlocked: (resourceType, url) => this.#reachesPrivateNetwork(url) || isBlockedRequest(resourceType, url),
    });
    this.#current = this.#launchUntilUp();
  }

  /** context resolves with the live context, waiting for a (re)launch; rejects once closed. */
  async context(): Promise<BrowserContext> {
    return (await this.#current).context;
  }

  /**
   * openPage opens a page in `context`, which must be this session's, with images, media, fonts
   * and analytics blocked. The caller closes it with closePage.
   */
  openPage(context: BrowserContext): Promise<Page> {
    return this.#pages.open(context);
  }

  /** closePage closes a page from openPage, insisting where Chromium ignores the first request. Never rejects. */
  closePage(page: Page): Promise<void> {
    return this.#pages.close(page);
  }

  /** ready is true while a browser is up and the session is open. */
  ready(): boolean {
    return this.#launched !== undefined && !this.#closing.signal.aborted;
  }

  /** processId is the browser process's PID while one is up. */
  processId(): number | undefined {
    return this.#launched?.pid;
  }

  /**
   * closing says a close is coming: from now on a browser that dies is not relaunched, and
   * `context()` rejects. The scraper says it before closing its pages, since a signal from the
   * terminal (Ctrl-C under run.sh) reaches Chromium too and may end it while they close.
   */
  closing(): void {
    this.#closing.abort();
  }

  /** close closes the context and the browser and waits for its process to end. Idempotent. */
  close(): Promise<void> {
    this.#closed ??= this.#close();
    return this.#closed;
  }

  async #close(): Promise<void> {
    this.#closing.abort();
    const launched = await this.#current.catch(() => undefined);
    this.#launched = undefined;
    if (!launched) return;
    launched.browser.off("disconnected", this.#onDisconnected);
    await launched.context.close().catch(() => undefined);
    // For a launched browser, close() returns once the process has exited.
    await launched.browser.close().catch(() => undefined);
    this.#log.info("browser.closed", { pid: launched.pid });
  }

  #launchUntilUp(): Promise<Launched> {
    const launching = (async () => {
      for (let attempt = 1; ; attempt++) {
        if (this.#closing.signal.aborted) throw new BrowserClosedError();
        try {
          const launched = await this.#launch();
          this.#launched = launched;
          this.#options.onLaunched(launched.browser.version());
          return launched;
        } catch (error) {
          if (this.#closing.signal.aborted) throw new BrowserClosedError();
          const delayMs = backoffDelay(attempt, this.#options.relaunchBackoffMs);
          this.#log.error("browser.launch_failed", { attempt, delayMs, error });
          await sleep(delayMs, undefined, { signal: this.#closing.signal }).catch(() => undefined);
        }
      }
    })();
    // Nobody may be waiting when it rejects (closed before any page asked); callers still see it.
    launching.catch(() => undefined);
    return launching;
  }

  async #launch(): Promise<Launched> {
    const { executablePath, headless } = this.#options;
    const args = process.getuid?.() === 0 ? [...CHROMIUM_ARGS, "--no-sandbox"] : CHROMIUM_ARGS;
    // The server owns its signals (main.ts): Playwright's own handlers would kill Chromium under it
    // on SIGTERM and SIGHUP, and exit 130 on SIGINT before the shutdown ran.
    const browser = await chromium.launch({ executablePath, headless, args, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
    try {
      if (this.#closing.signal.aborted) throw new BrowserClosedError();
      const context = await this.#prepareContext(browser);
      const cdp = await browser.newBrowserCDPSession();
      const pid = await browserPid(cdp);
      if (this.#closing.signal.aborted) throw new BrowserClosedError();
      browser.on("disconnected", this.#onDisconnected);
      this.#log.info("browser.launched", { pid, headless, version: browser.version() });
      return { browser, context, pid, cdp };
    } catch (error) {
      await browser.close().catch(() => undefined);
      throw error;
    }
  }

  async #prepareContext(browser: Browser): Promise<BrowserContext> {
    const context = await browser.newContext({
      // Other locales print "5,2169" for 5.2169; parsePrice reads en-US only.
      locale: "en-US",
      extraHTTPHeaders: { "Accept-Language": "en-US,en;q=0.9" },
      // A service worker's requests would bypass each page's request blocking.
      serviceWorkers: "block",
    });
    await context.exposeBinding(OBSERVER_BINDING, (source, payload: unknown) => {
      const check = checkReport(source.frame === source.page.mainFrame(), payload);
      if (check.ok) this.#options.onReport(source.page, check.report);
      else this.#log.debug("page.report_refused", { reason: check.reason });
    });
    await context.addInitScript(observerInitScript());
    const rule = this.#options.privateNetwork;
    if (rule) {
      // The request blocking never sees WebSocket handshakes. One route on the context, not one per
      // page (Playwright's page routes drop sockets of pages opened side by side). A pattern, not a
      // function: Playwright keeps a dispatcher, holding its page, for every socket a route takes
      // until the context closes, so the route takes only the rule's candidates, never the
      // allowed origin's sockets; the rule decides each one it takes.
      await context.routeWebSocket(rule.socketCandidates, (socket) => {
        if (this.#reachesPrivateNetwork(socket.url())) void socket.close({ code: 1008, reason: "blocked" }).catch(() => undefined);
        else socket.connectToServer();
      });
    }
    return context;
  }

  /** #reachesPrivateNetwork says whether `url` is refused by the private-network rule, and logs it. */
  #reachesPrivateNetwork(url: string): boolean {
    if (!this.#options.privateNetwork?.blocks(url)) return false;
    // Debug: a hostile page could ask thousands of times. The host is bounded by the URL parser.
    this.#log.debug("page.request_blocked", { reason: "private_network", host: new URL(url).host });
    return true;
  }

  readonly #onDisconnected = (): void => {
    if (this.#closing.signal.aborted) return;
    this.#log.warn("browser.disconnected", { pid: this.#launched?.pid });
    this.#launched = undefined;
    this.#current = this.#launchUntilUp();
    this.#options.onLost();
  };
}

/**
 * browserPid asks Chromium for its own process id: Playwright's Browser does not expose the process
 * it launched, and tests kill it by PID to prove the relaunch.
 */
async function browserPid(session: CDPSession): Promise<number | undefined> {
  const { processInfo } = await session.send("SystemInfo.getProcessInfo");
  return processInfo.find((info) => info.type === "browser")?.id;
}
