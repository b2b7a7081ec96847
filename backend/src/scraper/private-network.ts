/**
 * Which addresses a scraped page may not reach: this machine and its private network. Symbol pages
 * run third-party scripts, and a script that can fetch 127.0.0.1 or 169.254.169.254 can talk to Redis
 * or a cloud metadata service from the server's own address. Only literal addresses and `localhost`
 * are recognised here: a public name that resolves to a private address is not. Internal to the
 * scraper.
 */

// [first address as a 32-bit number, prefix length]
const PRIVATE_IPV4: readonly (readonly [number, number])[] = [
  [0x00000000, 8], // "this network"; 0.0.0.0 reaches the local host
  [0x0a000000, 8], // 10/8, private
  [0x64400000, 10], // 100.64/10, carrier-grade NAT
  [0x7f000000, 8], // 127/8, loopback
  [0xa9fe0000, 16], // 169.254/16, link-local (cloud metadata services)
  [0xac100000, 12], // 172.16/12, private
  [0xc0a80000, 16], // 192.168/16, private
];

/** isPrivateIpv4 says whether dotted-quad `host` is loopback, link-local or private. */
function isPrivateIpv4(host: string): boolean {
  const parts = host.split(".").map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isInteger(n) || n < 0 || n > 255)) return false;
  const value = parts.reduce((sum, n) => sum * 256 + n, 0);
  return PRIVATE_IPV4.some(([first, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(first / 2 ** (32 - bits)));
}

/** isPrivateIpv6 says whether `host` (bracketless, as the URL parser wrote it) is a local address. */
function isPrivateIpv6(host: string): boolean {
  const groups = expandIpv6(host);
  if (!groups) return false;
  const [first = 0] = groups;
  if (groups.slice(0, 7).every((g) => g === 0) && groups[7]! <= 1) return true; // :: and ::1
  if ((first & 0xfe00) === 0xfc00) return true; // fc00::/7, unique local
  if ((first & 0xffc0) === 0xfe80) return true; // fe80::/10, link-local
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible (::a.b.c.d) forms reach IPv4 addresses.
  const mapped = groups.slice(0, 5).every((g) => g === 0) && (groups[5] === 0xffff || groups[5] === 0);
  if (!mapped) return false;
  const [high = 0, low = 0] = groups.slice(6);
  return isPrivateIpv4(`${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`);
}

/** expandIpv6 turns the URL parser's compressed hex form into eight 16-bit groups. */
function expandIpv6(host: string): number[] | undefined {
  const halves = host.split("::");
  if (halves.length > 2) return undefined;
  const read = (part: string | undefined) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const head = read(halves[0]);
  const tail = read(halves[1]);
  const missing = 8 - head.length - tail.length;
  if (missing < 0 || (halves.length === 1 && missing !== 0)) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** httpOrigin is the origin of `url` with ws: read as http: and wss: as https:. */
function httpOrigin(url: URL): string {
  const scheme = url.protocol === "ws:" ? "http:" : url.protocol === "wss:" ? "https:" : url.protocol;
  return `${scheme}//${url.host}`;
}

/**
 * PrivateNetworkRule says which URLs a page may not reach. Built once per scraper from its base URL.
 */
export interface PrivateNetworkRule {
  /**
   * blocks says whether a request to `url` goes to loopback, link-local or private address space (an
   * IPv4 or IPv6 literal, `localhost` or a name under it) other than the allowed origin. URLs that
   * are not network requests (data:, blob:) and unparsable ones are not its business: false.
   */
  blocks(url: string): boolean;
  /**
   * socketCandidates matches every ws: or wss: URL that `blocks` may refuse (a literal address or a
   * `localhost` host, not the allowed origin), and more: a cheap first sieve for routing sockets.
   */
  readonly socketCandidates: RegExp;
}

/**
 * createPrivateNetworkRule allows exactly the origin of `baseUrl` (scheme, host and port; a ws: or
 * wss: URL counts as http: or https:), which may itself be on loopback, as the look-alike is in tests.
 */
export function createPrivateNetworkRule(baseUrl: string): PrivateNetworkRule {
  const base = new URL(baseUrl);
  const allowed = httpOrigin(base);
  const allowedSocket = `${base.protocol === "https:" ? "wss" : "ws"}://${escapeRegExp(base.host)}`;
  return {
    // Hosts: localhost and names under it, anything a dotted or hex literal could be, IPv6 in brackets.
    socketCandidates: new RegExp(
      `^(?!${allowedSocket}(?:[/?#]|$))wss?://(?:[^/?#@]*@)?(?:localhost|[^/?#@:]*\\.localhost|[0-9a-fx.]+|\\[[0-9a-f:.]+\\])\\.?(?::\\d*)?(?:[/?#]|$)`,
      "i",
    ),
    blocks(text) {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return false;
      }
      if (!["http:", "https:", "ws:", "wss:"].includes(url.protocol)) return false;
      if (httpOrigin(url) === allowed) return false;
      // The URL parser has already read "0x7f.1", "2130706433" and "127.1" as 127.0.0.1.
      const host = url.hostname.toLowerCase().replace(/\.$/, "");
      if (host === "localhost" || host.endsWith(".localhost")) return true;
      if (host.startsWith("[")) return isPrivateIpv6(host.slice(1, -1));
      return isPrivateIpv4(host);
    },
  };
}
