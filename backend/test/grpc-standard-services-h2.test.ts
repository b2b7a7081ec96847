/**
 * Health and reflection on the real app's port over cleartext HTTP/2, with clients nobody here
 * wrote: @grpc/grpc-js Check and Watch, open without the token; `buf curl` listing services and
 * calling RPCs with no .proto file, and nothing of reflection when REFLECTION is off.
 */
import { Code } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as Serving } from "@crypto-stream/gen/grpc/health/v1/health_pb.js";
import { ServerReflection } from "@crypto-stream/gen/grpc/reflection/v1/reflection_pb.js";
import { bufCurl } from "@crypto-stream/test-support/buf-curl";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { createGrpcClient, grpcBidi, grpcServerStream, grpcUnary } from "@crypto-stream/test-support/grpc-js-client";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { LIVENESS } from "../src/rpc/health/health-service.js";

const token = "a-very-secret-token-0123456789";
let app: TestServer | undefined;
let grpc: ReturnType<typeof createGrpcClient> | undefined;

afterEach(async () => {
  grpc?.close();
  grpc = undefined;
  await app?.close();
  app = undefined;
});

const address = (baseUrl: string) => baseUrl.replace(/^http:\/\//, "");

describe("health and reflection on the app's port, over HTTP/2", () => {
  it("when grpc-js checks and watches health with no token on a server that needs one, then it hears SERVING, then NOT_SERVING and UNAVAILABLE on shutdown", async () => {
    app = await startTestServer({ source: createFakeSource(), apiToken: token });
    grpc = createGrpcClient(address(app.baseUrl));
    expect(await grpcUnary(grpc, Health.method.check, { service: "" })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
    expect(await grpcUnary(grpc, Health.method.check, { service: "cryptostream.v1.PriceService" })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
    expect(await grpcUnary(grpc, Health.method.check, { service: "nope" })).toMatchObject({ ok: false, code: Code.NotFound });
    const watch = grpcServerStream(grpc, Health.method.watch, { service: "" });
    await expect.poll(() => watch.messages.map((m) => m.status)).toEqual([Serving.SERVING]);
    app.shutdown();
    expect((await watch.ended).code).toBe(Code.Unavailable);
    expect(await grpcUnary(grpc, Health.method.check, { service: LIVENESS })).toMatchObject({ ok: true, value: { status: Serving.SERVING } });
  });

  it("when buf curl asks the app by reflection, then it lists our services and calls one with no .proto file", async () => {
    app = await startTestServer({ source: createFakeSource() });
    const services = await bufCurl(["--list-services", app.baseUrl]);
    expect(services, services.stderr).toMatchObject({ code: 0 });
    expect(services.stdout.trim().split("\n").sort()).toEqual([
      "cryptostream.v1.CatalogService",
      "cryptostream.v1.PriceService",
      "cryptostream.v1.StatusService",
      "grpc.health.v1.Health",
      "grpc.reflection.v1.ServerReflection",
      "grpc.reflection.v1alpha.ServerReflection",
    ]);
    const call = await bufCurl(["--protocol", "grpc", "-d", '{"query":"btcusd","limit":1}', `${app.baseUrl}/cryptostream.v1.CatalogService/SearchSymbols`]);
    expect(call, call.stderr).toMatchObject({ code: 0 });
    expect(JSON.parse(call.stdout)).toMatchObject({ entries: [{ symbol: "BTCUSD", name: "Bitcoin / U.S. Dollar" }] });
  });

  it("when REFLECTION is off, then buf curl finds no reflection service, and health still answers", async () => {
    app = await startTestServer({ source: createFakeSource(), reflection: false });
    const services = await bufCurl(["--list-services", app.baseUrl]);
    expect(services.code).not.toBe(0);
    grpc = createGrpcClient(address(app.baseUrl));
    const reflection = grpcBidi(grpc, ServerReflection.method.serverReflectionInfo);
    reflection.send({ messageRequest: { case: "listServices", value: "" } });
    reflection.end();
    // Not served at all: the answer a gRPC client expects for a method the server does not have.
    expect((await reflection.ended).code).toBe(Code.Unimplemented);
    expect(reflection.messages).toEqual([]);
    const health = await bufCurl(["--schema", ".", "--protocol", "grpc", `${app.baseUrl}/grpc.health.v1.Health/Check`]);
    expect(JSON.parse(health.stdout)).toEqual({ status: "SERVING" });
  });
});
