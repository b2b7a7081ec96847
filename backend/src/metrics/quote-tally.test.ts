import { Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { Metrics } from "./metrics.js";
import { QuoteTally } from "./quote-tally.js";

const turnEnd = () => new Promise<void>((resolve) => setImmediate(resolve));

function tallyAt(now: number) {
  const delivery = new Histogram({ name: "delivery_seconds", help: "test", buckets: [0.01, 0.1, 1], registers: [new Registry()] });
  const tally = new QuoteTally(delivery, () => now);
  const observed = async () => {
    const { values } = await delivery.get();
    const count = values.find((value) => value.metricName === "delivery_seconds_count")!.value;
    const sum = values.find((value) => value.metricName === "delivery_seconds_sum")!.value;
    return { count, sum };
  };
  return { tally, observed };
}

describe("QuoteTally", () => {
  it("when one quote goes to 1,000 streams in a turn, then it counts 1,000 sent and observes its delivery once", async () => {
    const { tally, observed } = tallyAt(1_050);
    const quote = new Date(1_000);
    for (let stream = 0; stream < 1_000; stream++) tally.sent(quote);
    expect(tally.take()).toBe(1_000);
    expect(tally.take()).toBe(0);
    expect(await observed()).toEqual({ count: 1, sum: 0.05 });
  });

  it("when streams catch up on two quotes each in one turn, then each quote is observed once", async () => {
    const { tally, observed } = tallyAt(2_000);
    const first = new Date(1_500);
    const second = new Date(1_750);
    for (let stream = 0; stream < 3; stream++) {
      tally.sent(first);
      tally.sent(second);
    }
    expect(tally.take()).toBe(6);
    expect(await observed()).toEqual({ count: 2, sum: 0.75 });
  });

  it("when a slow client gets a quote in a later turn, then that late delivery is observed too", async () => {
    const { tally, observed } = tallyAt(3_000);
    const quote = new Date(2_000);
    tally.sent(quote);
    await turnEnd();
    tally.sent(quote);
    expect(tally.take()).toBe(2);
    expect(await observed()).toEqual({ count: 2, sum: 2 });
  });

  it("when /metrics is scraped, then the sent counter holds every stream's quote and later scrapes add only new ones", async () => {
    const metrics = new Metrics({ defaultMetrics: false });
    const quote = new Date(Date.now() - 5);
    for (let stream = 0; stream < 250; stream++) metrics.quoteSent(quote);
    expect(await metrics.text()).toMatch(/^cryptostream_quotes_sent_total 250$/m);
    expect(await metrics.text()).toMatch(/^cryptostream_delivery_seconds_count 1$/m);
    await turnEnd();
    metrics.quoteSent(new Date());
    expect(await metrics.text()).toMatch(/^cryptostream_quotes_sent_total 251$/m);
    expect(await metrics.text()).toMatch(/^cryptostream_delivery_seconds_count 2$/m);
  });
});
