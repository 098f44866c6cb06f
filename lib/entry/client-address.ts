import { isIP } from "node:net";
import { env } from "@/lib/platform/env";

/**
 * The address of the TCP connection, set by the production server (lib/platform/serve.mjs) on every
 * request, replacing whatever the client sent. Same name as PEER_HEADER there.
 */
export const PEER_HEADER = "x-count-us-in-peer";

/** What reading an address needs of a request's headers: a web `Headers`, or an adapter over node:http's. */
export type HeaderReader = { get(name: string): string | null };

/**
 * The address a request came from, for rate limits only (we store a keyed hash of it, never the address).
 *
 * Each proxy appends the address it was reached from to X-Forwarded-For, so the chain
 * [...X-Forwarded-For, the connection's address] is trustworthy only from the right: with
 * `trustedProxyHops` proxies in front (TRUSTED_PROXY_HOPS), the entry that many places from the right was
 * written by our outermost proxy, and everything left of it is whatever the client sent. 0 hops: the
 * connection itself, and X-Forwarded-For is ignored. A chain shorter than expected (a request that came
 * round the proxies) gives its leftmost entry.
 *
 * Without the peer header (`next dev`, or `next start` run by hand) the connection's address is unknown, so
 * the chain is X-Forwarded-For alone: entry hops - 1 from its right, at 0 hops its last one, which Next.js
 * fills from the socket only when the client sent none: forgeable, so never the production set-up.
 *
 * Addresses come back as IP addresses (IPv4-mapped IPv6 as IPv4, IPv6 in its one canonical form, ports
 * and brackets dropped), or "unknown" when the chosen entry is none.
 */
export function clientAddress(
  headers: HeaderReader,
  trustedProxyHops: number = env.TRUSTED_PROXY_HOPS,
): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  const peer = headers.get(PEER_HEADER)?.trim();
  const chain = peer ? [...forwarded, peer] : forwarded;
  const fromRight = peer ? trustedProxyHops : Math.max(0, trustedProxyHops - 1);
  const entry = chain[Math.max(0, chain.length - 1 - fromRight)];
  return (entry && normaliseAddress(entry)) ?? "unknown";
}

/** "1.2.3.4", "1.2.3.4:5678", "[2001:DB8::1]:443", "::ffff:1.2.3.4" → one spelling per address; else undefined. */
export function normaliseAddress(text: string): string | undefined {
  const bare =
    /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1] ??
    /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(text)?.[1] ??
    text;
  const version = isIP(bare);
  if (version === 4) return bare;
  if (version !== 6) return undefined;
  let canonical: string;
  try {
    // The WHATWG URL parser writes IPv6 in RFC 5952 form: lower case, zeros compressed.
    canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
  } catch {
    return undefined; // a zone index (fe80::1%eth0) is valid to isIP but not in a URL
  }
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(canonical);
  if (!mapped) return canonical;
  const [high, low] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}
