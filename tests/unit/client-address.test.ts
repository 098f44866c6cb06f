import { describe, expect, it } from "vitest";
import { clientAddress, normaliseAddress, PEER_HEADER } from "@/lib/entry/client-address";
import { PEER_HEADER as SERVER_PEER_HEADER } from "@/lib/platform/serve-helpers.mjs";

const request = (forwardedFor?: string, peer?: string) => {
  const headers = new Headers();
  if (forwardedFor !== undefined) headers.set("x-forwarded-for", forwardedFor);
  if (peer !== undefined) headers.set(PEER_HEADER, peer);
  return headers;
};

describe("the address rate limits count a request against", () => {
  it.each([
    // [what happens, X-Forwarded-For, peer (set by lib/platform/serve.mjs), TRUSTED_PROXY_HOPS, expected]
    ["a client talking to the server directly", undefined, "203.0.113.9", 0, "203.0.113.9"],
    ["a client forging X-Forwarded-For, no proxy", "198.51.100.1", "203.0.113.9", 0, "203.0.113.9"],
    ["a forged list, no proxy", "198.51.100.1, 198.51.100.2", "203.0.113.9", 0, "203.0.113.9"],
    ["behind nginx appending the client", "203.0.113.9", "10.0.0.2", 1, "203.0.113.9"],
    ["behind nginx, the client forging", "198.51.100.1, 203.0.113.9", "10.0.0.2", 1, "203.0.113.9"],
    ["behind a CDN and a balancer", "203.0.113.9, 10.0.0.1", "10.0.0.2", 2, "203.0.113.9"],
    ["behind two, forging", "1.1.1.1, 2.2.2.2, 203.0.113.9, 10.0.0.1", "10.0.0.2", 2, "203.0.113.9"],
    ["round the proxy (no X-Forwarded-For)", undefined, "203.0.113.9", 1, "203.0.113.9"],
    ["a chain shorter than the hops: its leftmost", "203.0.113.9", "10.0.0.2", 3, "203.0.113.9"],
    ["IPv4-mapped IPv6 peer", undefined, "::ffff:127.0.0.1", 0, "127.0.0.1"],
    ["IPv6 behind a proxy", "2001:DB8:0:0::7", "::1", 1, "2001:db8::7"],
    ["IPv6 with brackets and port", "[2001:db8::7]:51234", "::1", 1, "2001:db8::7"],
    ["IPv4 with a port (Azure)", "203.0.113.9:51234", "10.0.0.2", 1, "203.0.113.9"],
    ["empty entries are skipped", "203.0.113.9, , ", "10.0.0.2", 1, "203.0.113.9"],
    ["garbage where the client is expected", "1.1.1.1, not-an-ip", "10.0.0.2", 1, "unknown"],
    ["garbage peer", undefined, "<script>", 0, "unknown"],
    ["nothing at all", undefined, undefined, 0, "unknown"],
    // Without the peer header (`next dev`): X-Forwarded-For only, which the client controls at 0 hops.
    ["dev: X-Forwarded-For's last entry at 0 hops", "198.51.100.1, 203.0.113.9", undefined, 0, "203.0.113.9"],
    ["dev: the last entry at 1 hop", "198.51.100.1, 203.0.113.9", undefined, 1, "203.0.113.9"],
    ["dev: one further left at 2 hops", "198.51.100.1, 203.0.113.9, 10.0.0.1", undefined, 2, "203.0.113.9"],
  ] as const)("%s", (_, forwardedFor, peer, hops, expected) => {
    expect(clientAddress(request(forwardedFor, peer), hops)).toBe(expected);
  });

  it("reads TRUSTED_PROXY_HOPS (default 0) when not told", () => {
    expect(clientAddress(request("198.51.100.1", "203.0.113.9"))).toBe("203.0.113.9");
  });

  it("names the same header as the server that sets it", () => {
    expect(PEER_HEADER).toBe(SERVER_PEER_HEADER);
  });
});

describe("one spelling per address", () => {
  it.each([
    ["192.0.2.1", "192.0.2.1"],
    ["::FFFF:192.0.2.1", "192.0.2.1"],
    ["::ffff:c000:201", "192.0.2.1"],
    ["[::ffff:192.0.2.1]:80", "192.0.2.1"],
    ["2001:0DB8:0000::0001", "2001:db8::1"],
    ["::1", "::1"],
    ["fe80::1%eth0", undefined],
    ["192.0.2.256", undefined],
    ["192.0.2.1:99999999", undefined],
    ["unknown", undefined],
    ["", undefined],
  ])("%s → %s", (text, expected) => {
    expect(normaliseAddress(text)).toBe(expected);
  });
});
