/**
 * Prometheus metrics (prom-client), served at GET /metrics. Counters and histograms are fed by
 * the hub and the rpc layer through small observer hooks; gauges read the live state when scraped,
 * so nothing on the hot path keeps them up to date.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { ClusterStatus } from "../cluster/index.js";
import type { HubObserver } from "../hub/hub.js";
import { registerClusterMetrics } from "./cluster-metrics.js";
import { createHubObserver, FEED_TROUBLES } from "./hub-observer.js";
import { QuoteTally } from "./quote-tally.js";

/** What the gauges read at scrape time. */
export interface MetricsSources {
  subscribers(): number;
  openPages(): number;
  watches(): number;
}

/** Metrics owns one registry per server, so tests can build many servers in one process. */
export class Metrics {
  readonly registry = new Registry();
  private readonly quotesObserved: Counter;
  private readonly scrapeErrors: Counter<"kind">;
  private readonly pageOpen: Histogram;
  private readonly quotes: QuoteTally;
  private sources: MetricsSources | undefined;
  private clusterTracked = false;

  constructor(options: { defaultMetrics?: boolean } = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: this.registry });
    // collect() runs with the gauge as `this`, so the sources are read through a closure.
    const sources = () => this.sources;
    const gauge = (name: string, help: string, read: (s: MetricsSources) => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          const current = sources();
          if (current) this.set(read(current));
        },
      });
    gauge("cryptostream_subscribers", "Hub subscribers (open StreamPrice and Watch streams).", (s) => s.subscribers());
    gauge("cryptostream_open_pages", "Browser pages open now, one per watched symbol.", (s) => s.openPages());
    gauge("cryptostream_watches", "Open Watch streams.", (s) => s.watches());
    this.quotesObserved = new Counter({ name: "cryptostream_quotes_observed_total", help: "Price changes read from pages.", registers });
    // The counter takes what the tally counted when it is scraped; the hot path never touches it.
    const take = () => this.quotes.take();
    new Counter({
      name: "cryptostream_quotes_sent_total",
      help: "Quotes written to client streams.",
      registers,
      collect() {
        this.inc(take());
      },
    });
    this.scrapeErrors = new Counter({
      name: "cryptostream_scrape_errors_total",
      help: "Feed troubles by kind: reconnecting (reload or reopen), not_found, failed.",
      labelNames: ["kind"],
      registers,
    });
    // A series that appears only at its first increment has no earlier sample, so rate() and
    // increase() miss that first trouble: every known kind starts at zero.
    for (const kind of FEED_TROUBLES) this.scrapeErrors.inc({ kind }, 0);
    this.pageOpen = new Histogram({
      name: "cryptostream_page_open_seconds",
      help: "From a symbol's first subscriber to its first live price.",
      buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 60],
      registers,
    });
    const delivery = new Histogram({
      name: "cryptostream_delivery_seconds",
      help: "From the scraper seeing a price to the server writing it to client streams: one observation per quote and event-loop turn it went out in.",
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers,
    });
    this.quotes = new QuoteTally(delivery);
  }

  /** track points the gauges at the running parts. */
  track(sources: MetricsSources): void {
    this.sources = sources;
  }

  /** trackCluster adds the cluster gauges, read from `status` at scrape time. Once per Metrics; later calls do nothing. */
  trackCluster(status: () => ClusterStatus): void {
    if (this.clusterTracked) return;
    this.clusterTracked = true;
    registerClusterMetrics(this.registry, status);
  }

  /** hubObserver feeds these metrics from a hub (HubOptions.observer). */
  hubObserver(): HubObserver {
    return createHubObserver({
      quoteObserved: () => this.quotesObserved.inc(),
      feedTrouble: (kind) => this.scrapeErrors.inc({ kind }),
      pageOpened: (seconds) => this.pageOpen.observe(seconds),
    });
  }

  /** quoteSent counts a quote written to a client stream; it runs once per stream per quote (see quote-tally.ts). */
  quoteSent(observedAt: Date): void {
    this.quotes.sent(observedAt);
  }

  /** text renders the registry in the Prometheus text format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
