/**
 * Who may call the API: an optional bearer token for every RPC, and an allow-list of browser
 * origins other than the server's own. Health and readiness are never behind either.
 */
import { timingSafeEqual } from "node:crypto";
import { Code, ConnectError, cors as connectCors, type Interceptor } from "@connectrpc/connect";
import cors from "cors";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";

/** bearerMatches compares in constant time, so the token cannot be guessed byte by byte. */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * checkToken is the token rule for one call: every service needs `Authorization: Bearer <token>`
 * except those named in `open` (fully qualified, e.g. "cryptostream.v1.StatusService"). Every
 * serving path applies it through call-rules.ts: as the interceptor below, or directly.
 * @throws ConnectError UNAUTHENTICATED when `authorization` does not carry the token.
 */
export function checkToken(token: string, open: readonly string[], service: string, authorization: string | null | undefined): void {
  if (open.includes(service) || bearerMatches(authorization, token)) return;
  throw new ConnectError("missing or wrong API token: send the header 'Authorization: Bearer <API_TOKEN>'", Code.Unauthenticated);
}

/** requireToken refuses every Connect call that fails checkToken. */
export function requireToken(token: string, open: readonly string[] = []): Interceptor {
  return (next) => async (req) => {
    checkToken(token, open, req.service.typeName, req.header.get("authorization"));
    return next(req);
  };
}

/** OriginRule is originPolicy's shape: node:http and node:http2 requests alike, so Express and the HTTP/2 listener share it. */
export type OriginRule = (
  req: IncomingMessage | Http2ServerRequest,
  res: ServerResponse | Http2ServerResponse,
  next: () => void,
) => void;

/**
 * originPolicy lets same-origin requests and non-browser clients (no Origin header) through,
 * answers CORS for origins in `allowed` (the headers and methods Connect's protocols need, plus
 * Authorization for API_TOKEN), and refuses every other browser origin with 403. It serves
 * HTTP/1.1 (as Express middleware) and HTTP/2 (where the host is `:authority`) alike.
 */
export function originPolicy(allowed: readonly string[]): OriginRule {
  const allow = new Set(allowed);
  const answerCors = cors({
    origin: [...allow],
    methods: [...connectCors.allowedMethods],
    allowedHeaders: [...connectCors.allowedHeaders, "Authorization"],
    exposedHeaders: [...connectCors.exposedHeaders],
    maxAge: 7200,
  });
  return (req, res, next) => {
    const origin = req.headers.origin;
    const host = req.headers.host ?? req.headers[":authority"];
    const scheme = "encrypted" in req.socket ? "https" : "http";
    if (!origin || origin === `${scheme}://${typeof host === "string" ? host : ""}`) return next();
    if (!allow.has(origin)) {
      res.statusCode = 403;
      res.setHeader("content-type", "application/json; charset=utf-8");
      res.end(JSON.stringify({
        code: "permission_denied",
        message: `origin ${origin} may not call this API; the operator can add it to ALLOWED_ORIGINS`,
      }));
      return;
    }
    answerCors(req, res, next);
  };
}
