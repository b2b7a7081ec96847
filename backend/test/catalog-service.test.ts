/**
 * CatalogService.SearchSymbols over real HTTP: a connect-node client (POST and GET), plain fetch,
 * `buf curl` in Connect and gRPC-Web, the token rule, and bad or hostile requests answered with
 * the right code while the server keeps serving.
 */
import { request } from "node:http";
import { Code, createClient, type Client } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { CatalogService } from "@crypto-stream/gen/cryptostream/v1/catalog_service_pb.js";
import { bufCurl } from "@crypto-stream/test-support/buf-curl";
import { errorOf } from "@crypto-stream/test-support/connect-errors";
import { createFakeSource } from "@crypto-stream/test-support/fake-source";
import { startTestServer, type TestServer, type TestServerOptions } from "@crypto-stream/test-support/test-server";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMIT, MAX_LIMIT, MAX_QUERY_LENGTH } from "../src/rpc/services/catalog-service.js";

const token = "a-very-secret-token-0123456789";
const PATH = "/cryptostream.v1.CatalogService/SearchSymbols";
let server: TestServer | undefined;

async function start(options: Partial<TestServerOptions> = {}): Promise<TestServer> {
  server = await startTestServer({ source: createFakeSource(), ...options });
  return server;
}

function catalogClient(baseUrl: string, options: { get?: boolean; authorization?: string } = {}): Client<typeof CatalogService> {
  const transport = createConnectTransport({
    baseUrl,
    httpVersion: "1.1",
    useHttpGet: options.get ?? false,
    interceptors: options.authorization === undefined ? [] : [(next) => (req) => {
      req.header.set("authorization", options.authorization!);
      return next(req);
    }],
  });
  return createClient(CatalogService, transport);
}

const getUrl = (baseUrl: string, message: string) => `${baseUrl}${PATH}?encoding=json&message=${encodeURIComponent(message)}&connect=v1`;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("SearchSymbols", () => {
  it("when a client types part of a ticker, then it gets normalised symbols with names, best first, at most the limit", async () => {
    const { baseUrl } = await start();
    const catalog = catalogClient(baseUrl);
    const { entries } = await catalog.searchSymbols({ query: "ethusd" });
    expect(entries[0]).toMatchObject({ symbol: "ETHUSD", name: "Ethereum / U.S. Dollar", exchange: "BINANCE", base: "ETH", quote: "USD" });
    expect(entries.find((entry) => entry.exchange === "COINBASE")).toMatchObject({ symbol: "COINBASE:ETHUSD", name: "Ethereum / U.S. Dollar" });
    expect((await catalog.searchSymbols({ query: "b" })).entries).toHaveLength(DEFAULT_LIMIT);
    expect((await catalog.searchSymbols({ query: "b", limit: 3 })).entries).toHaveLength(3);
    expect((await catalog.searchSymbols({ query: "zzzz" })).entries).toEqual([]);
  });

  it("when asked with HTTP GET, by connect-node or plain fetch, then it answers the same entries", async () => {
    const { baseUrl } = await start();
    const viaPost = await catalogClient(baseUrl).searchSymbols({ query: "sol", limit: 5 });
    const viaGet = await catalogClient(baseUrl, { get: true }).searchSymbols({ query: "sol", limit: 5 });
    expect(viaGet.entries).toEqual(viaPost.entries);
    const response = await fetch(getUrl(baseUrl, JSON.stringify({ query: "sol", limit: 5 })));
    expect(response.status).toBe(200);
    const body = (await response.json()) as { entries: { symbol: string }[] };
    expect(body.entries.map((entry) => entry.symbol)).toEqual(viaPost.entries.map((entry) => entry.symbol));
  });

  it("when buf curl calls it in Connect and gRPC-Web with this repo's schema, then it prints the entries", async () => {
    const { baseUrl } = await start();
    for (const protocol of ["connect", "grpcweb"]) {
      const result = await bufCurl(["--schema", ".", "--protocol", protocol, "-d", '{"query":"coinbase:btc","limit":2}', `${baseUrl}${PATH}`]);
      expect(result, result.stderr).toMatchObject({ code: 0 });
      const printed = JSON.parse(result.stdout) as { entries: { symbol: string; name: string }[] };
      expect(printed.entries).toHaveLength(2);
      expect(printed.entries[0]).toMatchObject({ symbol: "COINBASE:BTCUSD", name: "Bitcoin / U.S. Dollar" });
    }
  });

  it("when API_TOKEN is set, then it needs the token like PriceService, and METRICS_PUBLIC does not open it", async () => {
    const { baseUrl } = await start({ apiToken: token, metricsPublic: true });
    expect((await errorOf(() => catalogClient(baseUrl).searchSymbols({ query: "btc" })))?.code).toBe(Code.Unauthenticated);
    const wrong = catalogClient(baseUrl, { authorization: `Bearer ${token}x` });
    expect((await errorOf(() => wrong.searchSymbols({ query: "btc" })))?.code).toBe(Code.Unauthenticated);
    expect((await fetch(getUrl(baseUrl, "{}"))).status).toBe(401);
    const right = await catalogClient(baseUrl, { authorization: `Bearer ${token}` }).searchSymbols({ query: "btc" });
    expect(right.entries.length).toBeGreaterThan(0);
    const curl = await bufCurl(["--schema", ".", "-H", `Authorization: Bearer ${token}`, "-d", '{"query":"btc"}', `${baseUrl}${PATH}`]);
    expect(curl, curl.stderr).toMatchObject({ code: 0 });
  });
});

describe("SearchSymbols, bad and hostile requests", () => {
  it("when the query is too long, then INVALID_ARGUMENT says the bound; a query at the bound is served", async () => {
    const { baseUrl } = await start();
    const catalog = catalogClient(baseUrl);
    const error = await errorOf(() => catalog.searchSymbols({ query: "B".repeat(MAX_QUERY_LENGTH + 1) }));
    expect(error?.code).toBe(Code.InvalidArgument);
    expect(error?.rawMessage).toMatch(/query is 65 characters, more than 64: send the start of a ticker or a name/);
    expect((await catalog.searchSymbols({ query: "B".repeat(MAX_QUERY_LENGTH) })).entries).toEqual([]);
    const huge = await errorOf(() => catalog.searchSymbols({ query: "x".repeat(60_000) }));
    expect(huge?.code).toBe(Code.InvalidArgument);
  });

  it("when the limit is huge, then the answer holds at most 50 entries", async () => {
    const { baseUrl } = await start();
    expect((await catalogClient(baseUrl).searchSymbols({ query: "", limit: 4_294_967_295 })).entries).toHaveLength(MAX_LIMIT);
  });

  it("when the request is malformed or oversized, then it is refused with the right code and the server keeps serving", async () => {
    const { baseUrl } = await start();
    const post = (body: string | Uint8Array<ArrayBuffer>, contentType: string) =>
      fetch(`${baseUrl}${PATH}`, { method: "POST", headers: { "content-type": contentType, "connect-protocol-version": "1" }, body });
    const codeOfResponse = async (response: Response) => ((await response.json()) as { code: string }).code;

    const wrongType = await post('{"limit":"lots"}', "application/json");
    expect([wrongType.status, await codeOfResponse(wrongType)]).toEqual([400, "invalid_argument"]);
    const notJson = await post("{nope", "application/json");
    expect([notJson.status, await codeOfResponse(notJson)]).toEqual([400, "invalid_argument"]);
    // Binary that does not parse is INTERNAL, as gRPC's status code table specifies and Connect
    // follows for every service; the message says what failed, and nothing more.
    const garbage = await post(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), "application/proto");
    const garbageBody = (await garbage.json()) as { code: string; message: string };
    expect([garbage.status, garbageBody.code]).toEqual([500, "internal"]);
    expect(garbageBody.message).toMatch(/^parse binary: /);
    const oversized = await post(JSON.stringify({ query: "x".repeat(100 * 1024) }), "application/json");
    expect(await codeOfResponse(oversized)).toBe("resource_exhausted");
    const badGet = await fetch(getUrl(baseUrl, "{nope"));
    expect([badGet.status, await codeOfResponse(badGet)]).toEqual([400, "invalid_argument"]);
    // Node refuses a request line and headers over its 16 KiB bound before any handler runs.
    expect((await fetch(getUrl(baseUrl, JSON.stringify({ query: "x".repeat(40_000) })))).status).toBe(431);

    expect((await catalogClient(baseUrl).searchSymbols({ query: "btc" })).entries.length).toBeGreaterThan(0);
  });

  it("when a browser from a foreign origin calls, then it is refused with 403 before the service runs", async () => {
    const { baseUrl } = await start({ allowedOrigins: ["https://grid.example"] });
    const hostile = await fetch(getUrl(baseUrl, "{}"), { headers: { origin: "https://evil.example" } });
    expect(hostile.status).toBe(403);
    const allowed = await fetch(getUrl(baseUrl, "{}"), { headers: { origin: "https://grid.example" } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://grid.example");
  });

  it("when a client sends half a request and stalls, then other clients are still served, and the stalled one can go", async () => {
    const { baseUrl } = await start();
    const stalled = request(`${baseUrl}${PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "content-length": "1000" },
    });
    stalled.on("error", () => {});
    stalled.write('{"query":"bt');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await catalogClient(baseUrl).searchSymbols({ query: "btc" })).entries.length).toBeGreaterThan(0);
    stalled.destroy();
    await new Promise<void>((resolve) => stalled.once("close", () => resolve()));
  });
});
