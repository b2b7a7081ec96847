/**
 * Who may call the API: the names the server answers to (every request), an optional bearer
 * token for every RPC, and an allow-list of browser origins other than the server's own. Health
 * and readiness are never behind the token or the origin list.
 */
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP } from "node:net";
import { Code, ConnectError, cors as connectCors, type Interceptor } from "@connectrpc/connect";
import cors from "cors";
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

/**
 * hostAllowed is the DNS-rebinding rule: a request's `Host` must name this server. A page on
 * evil.example whose name is rebound to 127.0.0.1 sends `Host: evil.example` and a matching
 * `Origin`, so comparing the two proves nothing; the name itself must be one the server has:
 * `localhost` (and `*.localhost`, which resolve to loopback), an IP literal (an address is its
 * own origin: no name to rebind), or one of `allowed` (ALLOWED_HOSTS, lower case). The port is
 * not part of the rule.
 */
function hostAllowed(host: string | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostName(host);
  if (name === undefined) return false;
  return name === "localhost" || name.endsWith(".localhost") || isIP(name) !== 0 || allowed.has(name);
}

/** hostName is the lower-cased name in a Host header, without port or IPv6 brackets; undefined when malformed. */
function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/i.exec(host);
  if (bracketed) return bracketed[1]!.toLowerCase();
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/i.exec(host);
  return plain ? plain[1]!.toLowerCase().replace(/\.$/, "") : undefined;
}

/**
 * hostRule is hostAllowed over `allowedHosts` (ALLOWED_HOSTS): true when the server answers to
 * `host` (a Host header or HTTP/2's `:authority`). hostPolicy answers the rest; the HTTP/2 direct
 * path asks it first and leaves a refused name to hostPolicy, so the refusal has one shape.
 */
export function hostRule(allowedHosts: readonly string[]): (host: string | undefined) => boolean {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return (host) => hostAllowed(host, allowed);
}

/**
 * hostPolicy refuses, with 421, every request whose Host (HTTP/2's `:authority`) fails
 * hostAllowed. It runs first on both HTTP versions, before the direct stream path, Express and the
 * HTTP/2 Connect adapter, so one rule covers every route. Returns true when refused.
 */
export function hostPolicy(
  allowedHosts: readonly string[],
): (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => boolean {
  const answers = hostRule(allowedHosts);
  const body = JSON.stringify({
    code: "permission_denied",
    message: "this server does not answer to the name in the Host header; use its address or a name the operator added to ALLOWED_HOSTS",
  });
  return (req, res) => {
    const http2 = "authority" in req;
    const host = http2 ? req.authority || req.headers.host : req.headers.host;
    if (answers(host)) return false;
    req.resume();
    // HTTP/2 forbids connection-specific headers; closing one stream must not end its connection.
    res.writeHead(421, http2 ? { "content-type": "application/json" } : { "content-type": "application/json", connection: "close" });
    res.end(body);
    return true;
  };
}

/** listensOnLoopbackOnly is true when a listen address (HOST) takes connections from this machine alone. */
export function listensOnLoopbackOnly(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[|\]$/g, "");
  return name === "localhost" || name === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * clientOf names the caller of `req` for per-client limits. Its address, or with `trustedProxy`
 * (TRUSTED_PROXY, for a server behind one reverse proxy) the last address in X-Forwarded-For:
 * the one the proxy saw, which a client cannot forge. An IPv6 address counts by its /64, the
 * block one host is usually given, so rotating addresses within it makes no new client.
 */
export function clientOf(req: Pick<IncomingMessage, "headers" | "socket"> | Http2ServerRequest, trustedProxy: boolean): string {
  const forwarded = trustedProxy ? lastForwarded(req.headers["x-forwarded-for"]) : undefined;
  return addressGroup(forwarded ?? req.socket.remoteAddress ?? "unknown");
}

function lastForwarded(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(",") : header;
  const last = value?.split(",").map((item) => item.trim()).filter((item) => item !== "").at(-1);
  return last !== undefined && isIP(last) !== 0 ? last : undefined;
}

/** addressGroup is an IPv4 address as it is (IPv4-mapped IPv6 unwrapped), an IPv6 address as its /64. */
function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const plain = address.split("%", 1)[0]!;
  if (isIP(plain) !== 6) return address;
  const [head = "", tail] = plain.split("::") as [string, string | undefined];
  const groups = (part: string) => (part === "" ? [] : part.split(":").flatMap((group) => (group.includes(".") ? ["0", "0"] : [group])));
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const full = [...front, ...Array<string>(Math.max(0, 8 - front.length - back.length)).fill("0"), ...back];
  return `${full.slice(0, 4).map((group) => parseInt(group, 16).toString(16)).join(":")}::/64`;
}
