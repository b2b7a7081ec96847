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
import type { RequestHandler } from "express";

/** bearerMatches compares in constant time, so the token cannot be guessed byte by byte. */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  const given = Buffer.from(header ?? "");
  const wanted = Buffer.from(`Bearer ${token}`);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * checkToken is the token rule for one call: every service needs `Authorization: Bearer <token>`
 * except those named in `open` (fully qualified, e.g. "cryptostream.v1.StatusService"). Both the
 * Connect interceptor below and the direct stream path (direct/direct-handler.ts) call it.
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

/**
 * originPolicy lets same-origin requests and non-browser clients (no Origin header) through,
 * answers CORS for origins in `allowed` (the headers and methods Connect's protocols need, plus
 * Authorization for API_TOKEN), and refuses every other browser origin with 403.
 */
export function originPolicy(allowed: readonly string[]): RequestHandler {
  const allow = new Set(allowed);
  const answerCors = cors({
    origin: [...allow],
    methods: [...connectCors.allowedMethods],
    allowedHeaders: [...connectCors.allowedHeaders, "Authorization"],
    exposedHeaders: [...connectCors.exposedHeaders],
    maxAge: 7200,
  });
  return (req, res, next) => {
    const origin = req.get("origin");
    if (!origin || origin === `${req.protocol}://${req.get("host")}`) return next();
    if (!allow.has(origin)) {
      res.status(403).json({
        code: "permission_denied",
        message: `origin ${origin} may not call this API; the operator can add it to ALLOWED_ORIGINS`,
      });
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
 * hostPolicy refuses, with 421, every request whose Host fails hostAllowed. It runs first, before
 * the direct stream path and Express, so one rule covers every route. Returns true when refused.
 */
export function hostPolicy(allowedHosts: readonly string[]): (req: IncomingMessage, res: ServerResponse) => boolean {
  const allowed = new Set(allowedHosts.map((host) => host.toLowerCase()));
  return (req, res) => {
    if (hostAllowed(req.headers.host, allowed)) return false;
    req.resume();
    res.writeHead(421, { "content-type": "application/json", connection: "close" });
    res.end(
      JSON.stringify({
        code: "permission_denied",
        message: "this server does not answer to the name in the Host header; use its address or a name the operator added to ALLOWED_HOSTS",
      }),
    );
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
export function clientOf(req: IncomingMessage, trustedProxy: boolean): string {
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
