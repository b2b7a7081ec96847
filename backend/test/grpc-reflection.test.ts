/**
 * Server reflection with clients nobody here wrote, over HTTP/2 (connect-node's adapter on
 * node:http2, serving our services, health and reflection): `buf curl` lists services and methods
 * and calls an RPC with no .proto file; @grpc/grpc-js asks v1 and v1alpha for files by symbol and
 * name and gets only what is served, bounded per stream; the token rule. On the app over HTTP/1.1:
 * the REFLECTION setting (grpc-standard-services-h2.test.ts tests the app's port over HTTP/2).
 */
import { fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { Code } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { StatusService } from "@crypto-stream/gen/cryptostream/v1/status_service_pb.js";
import { ServerReflection as V1 } from "@crypto-stream/gen/grpc/reflection/v1/reflection_pb.js";
import { ServerReflection as V1alpha } from "@crypto-stream/gen/grpc/reflection/v1alpha/reflection_pb.js";
import { bufCurl } from "@crypto-stream/test-support/buf-curl";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { createGrpcClient, grpcBidi } from "@crypto-stream/test-support/grpc-js-client";
import { startH2Server, type H2Server } from "@crypto-stream/test-support/h2-server";
import { startTestServer, type TestServer } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../src/log.js";
import { requireToken } from "../src/rpc/access.js";
import { ClientStreamLimits } from "../src/rpc/engine/stream-limits.js";
import { createHealthRoutes, HEALTH_SERVICE } from "../src/rpc/health/health-service.js";
import { ReadinessWatch } from "../src/rpc/health/readiness-watch.js";
import { MAX_NAME_LENGTH } from "../src/rpc/reflection/reflection-answer.js";
import { createReflectionRoutes, MAX_REQUESTS_PER_STREAM } from "../src/rpc/reflection/reflection-service.js";
import { createCatalogRoutes } from "../src/rpc/services/catalog-service.js";

const token = "a-very-secret-token-0123456789";
const SERVED = [
  "cryptostream.v1.CatalogService",
  "cryptostream.v1.PriceService",
  "cryptostream.v1.StatusService",
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
];
let h2: H2Server | undefined;
let app: TestServer | undefined;
let grpc: ReturnType<typeof createGrpcClient> | undefined;
let limits: ClientStreamLimits;

afterEach(async () => {
  grpc?.close();
  grpc = undefined;
  await h2?.close();
  h2 = undefined;
  await app?.close();
  app = undefined;
});

/**
 * start serves what the app serves over HTTP/2: the catalog and health for real, PriceService and
 * StatusService unimplemented (reflection only describes them), reflection, and the token rule.
 */
async function start(options: { token?: string } = {}): Promise<H2Server> {
  limits = new ClientStreamLimits(100);
  const shutdown = new AbortController();
  h2 = await startH2Server({
    routes: (router) => {
      router.service(PriceService, {});
      router.service(StatusService, {});
      createCatalogRoutes({ defaultExchange: "BINANCE" })(router);
      createHealthRoutes({ readiness: new ReadinessWatch(() => true, 1_000, shutdown.signal), limits, logger: silentLogger })(router);
      createReflectionRoutes({ limits, logger: silentLogger })(router);
    },
    interceptors: options.token ? [requireToken(options.token, [HEALTH_SERVICE])] : [],
  });
  grpc = createGrpcClient(h2.address);
  return h2;
}

const fileNames = (protos: Uint8Array[]) => protos.map((bytes) => fromBinary(FileDescriptorProtoSchema, bytes).name);

describe("reflection through buf curl, with no .proto file", () => {
  it("when buf curl lists services and methods, then it sees exactly ours, health and reflection", async () => {
    const { baseUrl } = await start();
    const services = await bufCurl(["--list-services", baseUrl]);
    expect(services, services.stderr).toMatchObject({ code: 0 });
    expect(services.stdout.trim().split("\n").sort()).toEqual(SERVED);
    const methods = await bufCurl(["--list-methods", baseUrl]);
    expect(methods, methods.stderr).toMatchObject({ code: 0 });
    expect(methods.stdout).toContain("cryptostream.v1.PriceService/StreamPrice");
    expect(methods.stdout).toContain("cryptostream.v1.CatalogService/SearchSymbols");
    expect(methods.stdout).toContain("grpc.health.v1.Health/Watch");
  });

  it("when buf curl calls an RPC by reflection in gRPC, Connect and gRPC-Web, then it encodes and prints it", async () => {
    const { baseUrl } = await start();
    for (const protocol of ["grpc", "connect", "grpcweb"]) {
      const result = await bufCurl(["--http2-prior-knowledge", "--protocol", protocol, "-d", '{"query":"coinbase:ethusd","limit":1}', `${baseUrl}/cryptostream.v1.CatalogService/SearchSymbols`]);
      expect(result, `${protocol}: ${result.stderr}`).toMatchObject({ code: 0 });
      expect(JSON.parse(result.stdout)).toEqual({ entries: [{ symbol: "COINBASE:ETHUSD", name: "Ethereum / U.S. Dollar", exchange: "COINBASE", base: "ETH", quote: "USD" }] });
    }
    const health = await bufCurl(["--protocol", "grpc", `${baseUrl}/grpc.health.v1.Health/Check`]);
    expect(JSON.parse(health.stdout)).toEqual({ status: "SERVING" });
  });

  it("when the API token is set, then reflection needs it like the rest, and buf curl sends it with --reflect-header", async () => {
    const { baseUrl } = await start({ token });
    const refused = await bufCurl(["--list-services", baseUrl]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/not authenticated|unauthenticated/i);
    const allowed = await bufCurl(["--reflect-header", `Authorization: Bearer ${token}`, "--list-services", baseUrl]);
    expect(allowed, allowed.stderr).toMatchObject({ code: 0 });
    expect(allowed.stdout.trim().split("\n").sort()).toEqual(SERVED);
  });
});

describe("reflection through @grpc/grpc-js", () => {
  // v1alpha's messages are v1's under another package: typed as v1's, called on v1alpha's path.
  const versions = [["v1", V1.method.serverReflectionInfo], ["v1alpha", V1alpha.method.serverReflectionInfo as unknown as typeof V1.method.serverReflectionInfo]] as const;
  for (const [version, method] of versions) {
    it(`when a ${version} client asks by symbol and file name, then it gets the file and its imports once, and only served files`, async () => {
      await start();
      const stream = grpcBidi(grpc!, method);
      stream.send({ host: "h", messageRequest: { case: "fileContainingSymbol", value: "cryptostream.v1.StatusService.GetStatus" } });
      stream.send({ messageRequest: { case: "fileContainingSymbol", value: "cryptostream.v1.Quote.price" } });
      stream.send({ messageRequest: { case: "fileByFilename", value: "google/protobuf/timestamp.proto" } });
      stream.send({ messageRequest: { case: "fileByFilename", value: "google/protobuf/descriptor.proto" } });
      stream.send({ messageRequest: { case: "fileContainingSymbol", value: "google.protobuf.Any" } });
      stream.send({ messageRequest: { case: "fileContainingSymbol", value: "x".repeat(MAX_NAME_LENGTH + 1) } });
      stream.send({ messageRequest: { case: "listServices", value: "" } });
      stream.end();
      expect((await stream.ended).code).toBe(0);
      const answers = stream.messages.map((message) => message.messageResponse);
      expect(answers).toHaveLength(7);
      expect(stream.messages[0]!.validHost).toBe("h");
      expect(stream.messages[0]!.originalRequest?.messageRequest.value).toBe("cryptostream.v1.StatusService.GetStatus");
      const files = (index: number) => {
        const answer = answers[index]!;
        return answer.case === "fileDescriptorResponse" ? fileNames(answer.value.fileDescriptorProto) : answer;
      };
      expect(files(0)).toEqual(["cryptostream/v1/status_service.proto", "cryptostream/v1/price_service.proto", "google/protobuf/timestamp.proto"]);
      // Asked for, a file comes again; its imports, already sent on this stream, do not.
      expect(files(1)).toEqual(["cryptostream/v1/price_service.proto"]);
      expect(files(2)).toEqual(["google/protobuf/timestamp.proto"]);
      for (const index of [3, 4]) expect(answers[index]).toMatchObject({ case: "errorResponse", value: { errorCode: Code.NotFound } });
      expect(answers[5]).toMatchObject({ case: "errorResponse", value: { errorCode: Code.InvalidArgument } });
      expect(answers[6]).toMatchObject({ case: "listServicesResponse" });
      if (answers[6]!.case === "listServicesResponse") expect(answers[6]!.value.service.map((s) => s.name)).toEqual(SERVED);
      await expect.poll(() => limits.openStreams()).toBe(0);
    });
  }

  it("when a client asks more than a stream may, then the stream ends RESOURCE_EXHAUSTED after the last allowed answer", async () => {
    await start();
    const stream = grpcBidi(grpc!, V1.method.serverReflectionInfo);
    for (let i = 0; i <= MAX_REQUESTS_PER_STREAM; i++) stream.send({ messageRequest: { case: "listServices", value: "" } });
    stream.end();
    const ended = await stream.ended;
    expect(ended.code).toBe(Code.ResourceExhausted);
    expect(ended.details).toMatch(/open a new stream/);
    expect(stream.messages).toHaveLength(MAX_REQUESTS_PER_STREAM);
    await expect.poll(() => limits.openStreams()).toBe(0);
  });

  it("when a client cancels a reflection stream, then its stream slot is released", async () => {
    await start();
    const stream = grpcBidi(grpc!, V1.method.serverReflectionInfo);
    stream.send({ messageRequest: { case: "listServices", value: "" } });
    await expect.poll(() => stream.messages.length).toBe(1);
    expect(limits.openStreams()).toBe(1);
    stream.cancel();
    expect((await stream.ended).code).toBe(Code.Canceled);
    await expect.poll(() => limits.openStreams()).toBe(0);
  });
});

describe("reflection on the app", () => {
  /** ask posts one enveloped Connect JSON request to reflection over HTTP/1.1. */
  function ask(baseUrl: string): Promise<Response> {
    const json = Buffer.from(JSON.stringify({ listServices: "" }));
    return fetch(`${baseUrl}/grpc.reflection.v1.ServerReflection/ServerReflectionInfo`, {
      method: "POST",
      headers: { "content-type": "application/connect+json", "connect-protocol-version": "1" },
      body: Buffer.concat([Buffer.from([0, 0, 0, 0, json.length]), json]),
    });
  }

  it("when REFLECTION is on (the default), then the app routes it (a bidi stream: HTTP/1.1 gets 505, use HTTP/2); when off, it is not served", async () => {
    app = await startTestServer({ source: createFakeSource() });
    expect((await ask(app.baseUrl)).status).toBe(505);
    await app.close();
    app = await startTestServer({ source: createFakeSource(), reflection: false });
    expect((await ask(app.baseUrl)).status).toBe(404);
  });
});
