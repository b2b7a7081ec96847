import { Code, ConnectError, createClient, type UnaryRequest } from "@connectrpc/connect";
import { PriceService } from "@crypto-stream/gen/cryptostream/v1/price_service_pb.js";
import { describe, expect, it, onTestFinished } from "vitest";
import type { Logger } from "../../../lib/log.js";
import { createFakePriceService } from "../../tickers/testing/fake-price-service.js";
import { createBearerInterceptor } from "./bearer-interceptor.js";
import { createTokenStorage } from "./token-storage.js";
import { createTokenStore } from "./token-store.js";

const quiet: Logger = { info() {}, warn() {}, error() {} };
const TOKEN = "correct-horse-battery-staple";

function setup() {
  const storage = createTokenStorage({ session: sessionStorage, local: localStorage }, quiet);
  const tokens = createTokenStore({ storage, log: quiet });
  onTestFinished(() => tokens.close()); // it follows other tabs until closed
  const fake = createFakePriceService({ interceptors: [createBearerInterceptor(tokens)] });
  const client = createClient(PriceService, fake.transport);
  return { tokens, fake, client };
}

/** firstMessage opens a Watch, reads its first message (or its error) and cancels it. */
async function firstMessage(client: ReturnType<typeof setup>["client"]): Promise<string> {
  const controller = new AbortController();
  try {
    for await (const response of client.watch({ symbols: ["BTCUSD"] }, { signal: controller.signal })) {
      return response.event.case ?? "none";
    }
    return "ended";
  } catch (err) {
    return Code[ConnectError.from(err).code];
  } finally {
    controller.abort();
  }
}

describe("createBearerInterceptor", () => {
  it("when a token is saved, then later calls on the same transport carry it, and none before", async () => {
    const { tokens, fake, client } = setup();
    expect(await firstMessage(client)).toBe("started");
    tokens.save(TOKEN, { remember: false });
    expect(await firstMessage(client)).toBe("started");
    await client.updateWatch({ watchId: "watch-2", add: ["ETHUSD"] }).catch(() => undefined);
    tokens.forget();
    expect(await firstMessage(client)).toBe("started");
    expect(fake.calls.map((call) => [call.method, call.authorization])).toEqual([
      ["Watch", null],
      ["Watch", `Bearer ${TOKEN}`],
      ["UpdateWatch", `Bearer ${TOKEN}`],
      ["Watch", null],
    ]);
    expect(fake.watches.every((watch) => !watch.open)).toBe(true);
  });

  it("when a stream is refused for want of a token, then the caller sees UNAUTHENTICATED and a token is required", async () => {
    const { tokens, fake, client } = setup();
    fake.requiredToken = TOKEN;
    expect(await firstMessage(client)).toBe("Unauthenticated");
    expect(tokens.getSnapshot().status).toBe("required");
    expect(fake.watches).toEqual([]);
  });

  it("when a stream is refused with a token, then the token is dropped and marked refused", async () => {
    const { tokens, fake, client } = setup();
    fake.requiredToken = TOKEN;
    tokens.save("not-the-right-token-1234", { remember: true });
    expect(await firstMessage(client)).toBe("Unauthenticated");
    expect(tokens.getSnapshot()).toEqual({ status: "refused", remembered: false });
    expect(tokens.token()).toBeUndefined();
  });

  it("when a unary call is refused with a token, then the token is dropped too", async () => {
    const { tokens, fake, client } = setup();
    fake.requiredToken = TOKEN;
    tokens.save("not-the-right-token-1234", { remember: false });
    const error = await client.updateWatch({ watchId: "watch-1", add: ["ETHUSD"] }).catch(ConnectError.from);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).code).toBe(Code.Unauthenticated);
    expect(tokens.getSnapshot().status).toBe("refused");
  });

  it("when the server answers a stream with the token, then the token is accepted at the first message", async () => {
    const { tokens, fake, client } = setup();
    fake.requiredToken = TOKEN;
    tokens.save(TOKEN, { remember: false });
    expect(await firstMessage(client)).toBe("started");
    expect(tokens.getSnapshot().status).toBe("accepted");
    expect(fake.latest().authorization).toBe(`Bearer ${TOKEN}`);
  });

  it("when a call fails for another reason, then the error passes through and the token stays", async () => {
    const { tokens, client } = setup();
    tokens.save(TOKEN, { remember: false });
    const error = await client.updateWatch({ watchId: "no-such-watch", add: ["ETHUSD"] }).catch(ConnectError.from);
    expect((error as ConnectError).code).toBe(Code.NotFound);
    expect((error as ConnectError).rawMessage).toBe("no such watch");
    expect(tokens.token()).toBe(TOKEN);
    expect(tokens.getSnapshot().status).toBe("checking");
  });

  it("when the refusal comes before any response, then it is reported all the same", async () => {
    const { tokens } = setup();
    tokens.save("not-the-right-token-1234", { remember: false });
    const refuse = () => Promise.reject(new ConnectError("HTTP 401", Code.Unauthenticated));
    const request = { stream: false, header: new Headers() } as unknown as UnaryRequest;
    const call = createBearerInterceptor(tokens)(refuse);
    await expect(call(request)).rejects.toThrow("HTTP 401");
    expect(request.header.get("authorization")).toBe("Bearer not-the-right-token-1234");
    expect(tokens.getSnapshot().status).toBe("refused");
  });
});
