/**
 * gRPC health (`grpc.health.v1.Health`) with clients nobody here wrote. On the real app over
 * HTTP/1.1: Connect and gRPC-Web (`buf curl`), the same answer as /readyz, open without the token.
 * Over HTTP/2 (connect-node's adapter on node:http2): @grpc/grpc-js Check and Watch, a Watch that
 * follows readiness both ways and lets go when cancelled, and `buf curl --protocol grpc`.
 */
import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";
import { Health, HealthCheckResponse_ServingStatus as Serving } from "@crypto-stream/gen/grpc/health/v1/health_pb.js";
import { bufCurl } from "@crypto-stream/test-support/buf-curl";
import { codeOf } from "@crypto-stream/test-support/connect-errors";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { createGrpcClient, grpcServerStream, grpcUnary } from "@crypto-stream/test-support/grpc-js-client";
import { startH2Server, type H2Server } from "@crypto-stream/test-support/h2-server";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/log.js";
import { requireToken } from "../src/rpc/access.js";
import { createCatalogRoutes } from "../src/rpc/services/catalog-service.js";
import { createHealthRoutes, HEALTH_SERVICE, LIVENESS } from "../src/rpc/health/health-service.js";
import { ReadinessWatch } from "../src/rpc/health/readiness-watch.js";
import { ClientStreamLimits } from "../src/rpc/engine/stream-limits.js";

const token = "a-very-secret-token-0123456789";
const OURS = ["cryptostream.v1.CatalogService", "cryptostream.v1.PriceService", "cryptostream.v1.StatusService"];
let app: TestServer | undefined;
let h2: H2Server | undefined;
let grpc: ReturnType<typeof createGrpcClient> | undefined;
const watches: AbortController[] = [];

afterEach(async () => {
  for (const watch of watches.splice(0)) watch.abort();
  grpc?.close();
  grpc = undefined;
  await app?.close();
  app = undefined;
  await h2?.close();
  h2 = undefined;
});

function healthClient(baseUrl: string) {
  return createClient(Health, createConnectTransport({ baseUrl, httpVersion: "1.1" }));
}

describe("Health on the app, over HTTP/1.1", () => {
  it("when the server is ready, then Check answers SERVING for \"\" and each of our services, and NOT_FOUND for others", async () => {
    app = await startTestServer({ source: createFakeSource() });
    const health = healthClient(app.baseUrl);
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(200);
    for (const service of ["", ...OURS]) expect((await health.check({ service })).status).toBe(Serving.SERVING);
    const unknown = await codeOf(() => health.check({ service: "nope.v1.Nope" }));
    expect(unknown).toBe(Code.NotFound);
    const list = await health.list({});
    expect(Object.keys(list.statuses).sort()).toEqual(["", ...OURS, LIVENESS]);
    expect(Object.values(list.statuses).every((entry) => entry.status === Serving.SERVING)).toBe(true);
  });

  it("when API_TOKEN is set, then health needs no token while the other services do", async () => {
    app = await startTestServer({ source: createFakeSource(), apiToken: token });
    expect((await healthClient(app.baseUrl).check({ service: "" })).status).toBe(Serving.SERVING);
    const catalog = createClient(CatalogService, createConnectTransport({ baseUrl: app.baseUrl, httpVersion: "1.1" }));
    expect(await codeOf(() => catalog.searchSymbols({ query: "btc" }))).toBe(Code.Unauthenticated);
    const curl = await bufCurl(["--schema", ".", "--protocol", "grpcweb", "-d", '{"service":"cryptostream.v1.PriceService"}', `${app.baseUrl}/grpc.health.v1.Health/Check`]);
    expect(curl, curl.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(curl.stdout)).toEqual({ status: "SERVING" });
  });

  it("when the server shuts down, then Check turns NOT_SERVING with /readyz, and an open Watch ends UNAVAILABLE", async () => {
    app = await startTestServer({ source: createFakeSource() });
    const health = healthClient(app.baseUrl);
    const watch = new AbortController();
    watches.push(watch);
    const seen: Serving[] = [];
    const ended = (async () => {
      for await (const message of health.watch({ service: "" }, { signal: watch.signal })) seen.push(message.status);
    })().then(() => undefined, (error: unknown) => ConnectError.from(error));
    await expect.poll(() => seen).toEqual([Serving.SERVING]);

    app.shutdown();
    expect((await fetch(`${app.baseUrl}/readyz`)).status).toBe(503);
    expect((await health.check({ service: "" })).status).toBe(Serving.NOT_SERVING);
    // Liveness answers like /healthz: the process still answers.
    expect((await fetch(`${app.baseUrl}/healthz`)).status).toBe(200);
    expect((await health.check({ service: LIVENESS })).status).toBe(Serving.SERVING);
    expect((await health.check({ service: "cryptostream.v1.PriceService" })).status).toBe(Serving.NOT_SERVING);
    const error = await ended;
    expect(error?.code).toBe(Code.Unavailable);
  });
});

describe("Health over HTTP/2, with @grpc/grpc-js", () => {
  let ready = true;
  let readiness: ReadinessWatch;
  let limits: ClientStreamLimits;

  async function start(): Promise<H2Server> {
    ready = true;
    const shutdown = new AbortController();
    readiness = new ReadinessWatch(() => ready, 10, shutdown.signal);
    limits = new ClientStreamLimits(100);
    h2 = await startH2Server({
      routes: (router) => {
        createCatalogRoutes({ defaultExchange: "BINANCE" })(router);
        createHealthRoutes({ readiness, limits, logger: silentLogger })(router);
      },
      interceptors: [requireToken(token, [HEALTH_SERVICE])],
    });
    grpc = createGrpcClient(h2.address);
    return h2;
  }

  it("when grpc-js checks, then it gets SERVING for the server and a served service, NOT_FOUND otherwise, with no token", async () => {
    await start();
    expect(await grpcUnary(grpc!, Health.method.check, { service: "" })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
    expect(await grpcUnary(grpc!, Health.method.check, { service: "cryptostream.v1.CatalogService" })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
    expect(await grpcUnary(grpc!, Health.method.check, { service: "cryptostream.v1.PriceService" })).toMatchObject({ ok: false, code: Code.NotFound });
    ready = false;
    expect(await grpcUnary(grpc!, Health.method.check, { service: "" }, { deadlineMs: 5_000 })).toMatchObject({ ok: true, value: { status: Serving.NOT_SERVING } });
    expect(await grpcUnary(grpc!, Health.method.check, { service: LIVENESS })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
    // The token rule still holds for the rest.
    expect(await grpcUnary(grpc!, CatalogService.method.searchSymbols, { query: "btc" })).toMatchObject({ ok: false, code: Code.Unauthenticated });
  });

  it("when grpc-js watches, then it hears each change of readiness, and cancelling lets go of the wait and the stream slot", async () => {
    await start();
    const watch = grpcServerStream(grpc!, Health.method.watch, { service: "" });
    await expect.poll(() => watch.messages.map((m) => m.status)).toEqual([Serving.SERVING]);
    expect(limits.openStreams()).toBe(1);
    ready = false;
    await expect.poll(() => watch.messages.map((m) => m.status)).toEqual([Serving.SERVING, Serving.NOT_SERVING]);
    ready = true;
    await expect.poll(() => watch.messages.map((m) => m.status)).toEqual([Serving.SERVING, Serving.NOT_SERVING, Serving.SERVING]);
    watch.cancel();
    expect((await watch.ended).code).toBe(Code.Canceled);
    await expect.poll(() => [readiness.waiting, limits.openStreams()]).toEqual([0, 0]);
  });

  it("when grpc-js watches an unknown service, then it hears SERVICE_UNKNOWN and the stream stays open until it cancels", async () => {
    await start();
    const watch = grpcServerStream(grpc!, Health.method.watch, { service: "nope.v1.Nope" });
    await expect.poll(() => watch.messages.map((m) => m.status)).toEqual([Serving.SERVICE_UNKNOWN]);
    watch.cancel();
    expect((await watch.ended).code).toBe(Code.Canceled);
    await expect.poll(() => limits.openStreams()).toBe(0);
  });

  it("when the server shuts down, then a grpc-js Watch ends UNAVAILABLE", async () => {
    const server = await start();
    const watch = grpcServerStream(grpc!, Health.method.watch, { service: "" });
    await expect.poll(() => watch.messages.length).toBe(1);
    server.shutdown(new ConnectError("the server is shutting down", Code.Unavailable));
    expect((await watch.ended).code).toBe(Code.Unavailable);
    expect(limits.openStreams()).toBe(0);
  });

  it("when buf curl checks over gRPC with this repo's schema, then it prints SERVING", async () => {
    const server = await start();
    const result = await bufCurl(["--schema", ".", "--protocol", "grpc", "--http2-prior-knowledge", "-d", '{"service":""}', `${server.baseUrl}/grpc.health.v1.Health/Check`]);
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(result.stdout)).toEqual({ status: "SERVING" });
  });
});
