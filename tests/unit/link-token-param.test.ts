import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { linkTokenFromParam } from "@/lib/entry/token-param";
import { repairMalformedPath } from "@/lib/platform/malformed-path.mjs";
import { issueLinkToken } from "@/lib/security/link-tokens";

// The token part of an emailed link, as the URL delivers it: a real token passes, anything else is
// refused up front, so the page answers "we cannot use this link" (404) rather than throwing (500).

const secret = crypto.randomBytes(32);
const real = issueLinkToken(secret, "manage", crypto.randomUUID());
const expiring = issueLinkToken(secret, "confirm", crypto.randomUUID(), new Date(Date.now() + 60_000));

describe("the token in a link's URL", () => {
  it("accepts every token we issue, as it arrives and percent-encoded", () => {
    for (const token of [real, expiring]) {
      expect(linkTokenFromParam(token)).toBe(token);
      // Some mail programs encode characters that need no encoding; the token is the same.
      expect(linkTokenFromParam(token.replace(".", "%2E").replace(/-/g, "%2D"))).toBe(token);
    }
  });

  it.each([
    ["broken percent-encoding", "%E0%A4%A"],
    ["a lone percent sign", `${real}%`],
    ["an encoded byte that is not UTF-8", "%FF"],
    ["an empty token", ""],
    ["a made-up word", "not-a-real-link"],
    ["a real token cut short", real.slice(0, -4)],
    ["a real token with more on the end", `${real}A`],
    ["a real token without its dot", real.replace(".", "")],
    ["characters base64url never uses", `${real.slice(0, 10)}+/${real.slice(12)}`],
    ["a real token followed by an encoded space", `${real}%20`],
    ["an encoded slash trying to reach another path", `..%2F..%2F${real}`],
  ])("refuses %s", (_what, raw) => {
    expect(linkTokenFromParam(raw)).toBeUndefined();
  });
});

describe("a request path Next.js could not decode (lib/platform/serve.mjs repairs it first)", () => {
  it("sends a damaged email link to its own page with a token that is plainly not ours", () => {
    expect(repairMalformedPath("/pledge/manage/%E0%A4%A")).toBe("/pledge/manage/unusable");
    expect(repairMalformedPath("/pledge/confirm/abc%?x=1")).toBe("/pledge/confirm/unusable");
    expect(repairMalformedPath("/scotland/volunteer/confirm/%FF")).toBe(
      "/scotland/volunteer/confirm/unusable",
    );
    expect(repairMalformedPath("/scotland/volunteer/manage/%E0%A4%A")).toBe(
      "/scotland/volunteer/manage/unusable",
    );
    // Which the page then refuses, so the visitor sees "we cannot use this link" with 404.
    expect(linkTokenFromParam("unusable")).toBeUndefined();
  });

  it("sends any other undecodable path to one no route serves (the site's 404 page)", () => {
    expect(repairMalformedPath("/blog/%E0%A4%A")).toBe("/malformed-address");
  });

  it("leaves every path that decodes as it is, query included", () => {
    for (const url of ["/", `/pledge/manage/${real}?done=unsubscribed`, "/blog/caf%C3%A9", "/a%2Fb?q=%"])
      expect(repairMalformedPath(url)).toBe(url);
  });
});
