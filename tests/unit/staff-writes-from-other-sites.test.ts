import { describe, expect, it } from "vitest";
import { isCrossSiteWrite } from "@/lib/entry/cross-site";

// A staff member signed in to the admin area visits another site, which posts a form to our upload route.
// The browser says where the post came from; such a write is refused before anything runs.

const post = (headers: Record<string, string>, method = "POST") =>
  new Request("https://count-us-in.example/api/admin/paper/upload", { method, headers });

describe("a staff write sent from another site", () => {
  it("is refused when the browser says it came from another site", () => {
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "same-site" }))).toBe(true);
  });

  it("is let through from our own pages, and when typed in by the user", () => {
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "none" }))).toBe(false);
  });

  it("falls back to Origin in browsers that do not send Sec-Fetch-Site", () => {
    const host = { host: "count-us-in.example" };
    expect(isCrossSiteWrite(post({ ...host, origin: "https://count-us-in.example" }))).toBe(false);
    expect(isCrossSiteWrite(post({ ...host, origin: "https://evil.example" }))).toBe(true);
    expect(isCrossSiteWrite(post({ ...host, origin: "null" }))).toBe(true);
    // Behind a proxy the public host is the forwarded one.
    const proxied = { host: "app1:3000", "x-forwarded-host": "count-us-in.example" };
    expect(isCrossSiteWrite(post({ ...proxied, origin: "https://count-us-in.example" }))).toBe(false);
  });

  it("leaves reads alone: downloads and pages are links anyone may follow", () => {
    expect(isCrossSiteWrite(post({ "sec-fetch-site": "cross-site" }, "GET"))).toBe(false);
  });
});
