/**
 * The address a request came from, for rate limits only (we store a keyed hash of it, never the address).
 * Next.js fills X-Forwarded-For from the socket when it is absent; behind a load balancer or reverse
 * proxy the last entry is the one that proxy appended, which a client cannot forge. Deploy behind one
 * that sets or appends the header (every production set-up does): a client talking to `next start`
 * directly could otherwise send its own header and dodge the per-address limit.
 */
export function clientAddress(forwardedFor: string | null): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops.at(-1) ?? "unknown";
}
