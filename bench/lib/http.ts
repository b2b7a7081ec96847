/**
 * Plain HTTP/1.1 requests on a fresh connection each. The bench's side requests (steering,
 * readiness) must not share keep-alive sockets: under load the server closes an idle one just as
 * a pooled client reuses it, and the request fails with ECONNRESET though nothing is wrong.
 */
import { request } from "node:http";

/** HttpAnswer is a response's status and body text. */
export interface HttpAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * httpRequest sends one request with `Connection: close` and resolves with the whole answer.
 * @throws Error on a network error, or after `timeoutMs` without a complete answer.
 */
export function httpRequest(method: "GET" | "POST", url: string, json: unknown, timeoutMs: number): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const body = json === undefined ? undefined : JSON.stringify(json);
    const req = request(url, {
      method,
      agent: false,
      headers: { connection: "close", ...(body === undefined ? {} : { "content-type": "application/json" }) },
      signal: AbortSignal.timeout(timeoutMs),
    });
    req.once("error", reject);
    req.once("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.once("error", reject);
      res.once("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.end(body);
  });
}
