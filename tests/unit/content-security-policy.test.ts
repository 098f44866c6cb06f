import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  cachedPagePolicy,
  FRAME_ANCESTORS,
  inlineScriptHashes,
  isSharedCacheable,
  newNonce,
  nonHtmlPolicy,
  pageWithoutNoncePolicy,
  perRequestPagePolicy,
  servedOverHttps,
} from "@/lib/security/content-security-policy.mjs";

// The policies as a browser reads them: directive name → its sources.
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(";").map((part) => {
      const [name = "", ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");

describe("the policy of each kind of response", () => {
  const nonce = newNonce();
  const everyPagePolicy = [
    ["a page rendered per request", perRequestPagePolicy(nonce)],
    ["a page from a shared cache", cachedPagePolicy(["'sha256-abc='"])],
    ["a page whose nonce went missing", pageWithoutNoncePolicy()],
  ] as const;

  it.each(everyPagePolicy)(
    "%s cannot be framed, posts only to us, loads no plugins, sets no base",
    (_, policy) => {
      const parsed = directives(policy);
      expect(parsed.get("frame-ancestors")).toEqual(["'none'"]);
      expect(parsed.get("form-action")).toEqual(["'self'"]);
      expect(parsed.get("object-src")).toEqual(["'none'"]);
      expect(parsed.get("base-uri")).toEqual(["'none'"]);
      expect(parsed.get("default-src")).toEqual(["'self'"]);
      expect(parsed.get("style-src")).toEqual(["'self'"]);
    },
  );

  it.each(everyPagePolicy)("%s never allows inline scripts or eval wholesale", (_, policy) => {
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
  });

  it("a page rendered per request runs scripts by its nonce only", () => {
    expect(directives(perRequestPagePolicy(nonce)).get("script-src")).toEqual([
      `'nonce-${nonce}'`,
      "'strict-dynamic'",
    ]);
  });

  it("a page from a shared cache runs our own files and the inline scripts it lists, no nonce", () => {
    const policy = cachedPagePolicy(["'sha256-one='", "'sha256-two='"]);
    expect(directives(policy).get("script-src")).toEqual(["'self'", "'sha256-one='", "'sha256-two='"]);
    expect(policy).not.toContain("nonce");
  });

  it("a page whose nonce went missing runs no script at all", () => {
    expect(directives(pageWithoutNoncePolicy()).get("script-src")).toEqual(["'none'"]);
  });

  it("anything that is not HTML loads nothing and cannot be framed", () => {
    const parsed = directives(nonHtmlPolicy());
    expect(parsed.get("default-src")).toEqual(["'none'"]);
    expect(parsed.get("frame-ancestors")).toEqual(["'none'"]);
    expect(parsed.get("base-uri")).toEqual(["'none'"]);
  });

  it("the frame-ancestors exception has one home, and it is closed", () => {
    expect(FRAME_ANCESTORS).toBe("'none'");
  });

  it("under `next dev` (and only there) eval and inline styles are allowed, which hot reload needs", () => {
    const dev = directives(perRequestPagePolicy(nonce, { development: true }));
    expect(dev.get("script-src")).toContain("'unsafe-eval'");
    expect(dev.get("style-src")).toContain("'unsafe-inline'");
    expect(perRequestPagePolicy(nonce, { development: false })).toBe(perRequestPagePolicy(nonce));
  });

  it("refuses a nonce that could smuggle in another source", () => {
    expect(() => perRequestPagePolicy("abc' 'unsafe-inline")).toThrow(TypeError);
    expect(() => perRequestPagePolicy("")).toThrow(TypeError);
  });
});

describe("nonces", () => {
  it("are 128 random bits, base64, never the same twice", () => {
    const many = Array.from({ length: 1000 }, newNonce);
    expect(new Set(many).size).toBe(1000);
    for (const nonce of many) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});

describe("which responses a shared cache may store", () => {
  it.each([
    ["s-maxage=4, stale-while-revalidate=1", true],
    ["s-maxage=31536000", true],
    ["public, max-age=600", true],
    ["private, no-cache, no-store, max-age=0, must-revalidate", false],
    ["no-store", false],
    ["max-age=600", false],
    ["", false],
    [undefined, false],
  ])("Cache-Control %j → %s", (cacheControl, expected) => {
    expect(isSharedCacheable(cacheControl)).toBe(expected);
  });
});

describe("hashes of a cached page's inline scripts", () => {
  const start = "(self.__next_f=self.__next_f||[]).push([0])";
  const data = 'self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[1,[],\\"\\"]\\n"])';
  const chunks =
    '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["a.js"]});';
  const page = (...scripts: string[]) =>
    `<!DOCTYPE html><html><head><script src="/_next/static/chunks/a.js" async=""></script>` +
    `<script id="_R_">${chunks}</script></head><body><p>12,345 people</p>` +
    scripts.map((code) => `<script>${code}</script>`).join("") +
    `</body></html>`;

  it("lists each inline script Next.js writes, by SHA-256 as a browser computes it, in order", () => {
    expect(inlineScriptHashes(page(start, data), sha256)).toEqual([
      `'sha256-${sha256(chunks)}'`,
      `'sha256-${sha256(start)}'`,
      `'sha256-${sha256(data)}'`,
    ]);
  });

  it("hashes the text as sent, non-ASCII included (UTF-8)", () => {
    const withAccents = 'self.__next_f.push([1,"Sinéad, Zoë ✓"])';
    expect(inlineScriptHashes(page(withAccents), sha256)).toContain(`'sha256-${sha256(withAccents)}'`);
  });

  it("needs none for scripts loaded from a file, and lists a repeated script once", () => {
    expect(inlineScriptHashes(page(start, start), sha256)).toHaveLength(2);
  });

  it.each([
    ["a script of any other shape", "alert(document.cookie)"],
    ["code after the data", 'self.__next_f.push([1,"x"]);alert(1)'],
    ["code hidden in the data's brackets", 'self.__next_f.push([1,"x"],alert(1))'],
    [
      "a chunk list that is not a list",
      '(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push(alert(1));',
    ],
  ])("does not vouch for %s, so the browser refuses it", (_, code) => {
    expect(inlineScriptHashes(page(code), sha256)).toEqual([`'sha256-${sha256(chunks)}'`]);
  });
});

describe("when HSTS is sent", () => {
  it.each([
    [{ siteUrl: "https://countusin.example.org", forwardedProto: undefined, trustedProxyHops: 0 }, true],
    [{ siteUrl: "HTTPS://countusin.example.org", forwardedProto: undefined, trustedProxyHops: 0 }, true],
    [{ siteUrl: "http://localhost:3000", forwardedProto: undefined, trustedProxyHops: 0 }, false],
    // Behind one proxy that says the visitor came over https.
    [{ siteUrl: "http://app.internal", forwardedProto: "https", trustedProxyHops: 1 }, true],
    [{ siteUrl: "http://app.internal", forwardedProto: "http", trustedProxyHops: 1 }, false],
    // With no proxy in front, the header is the visitor's own word.
    [{ siteUrl: "http://app.internal", forwardedProto: "https", trustedProxyHops: 0 }, false],
    // CDN then balancer: the CDN's entry (two from the right) is the visitor's connection.
    [{ siteUrl: "http://app.internal", forwardedProto: "https, http", trustedProxyHops: 2 }, true],
    [{ siteUrl: "http://app.internal", forwardedProto: "https, http", trustedProxyHops: 1 }, false],
  ])("%j → %s", (request, expected) => {
    expect(servedOverHttps(request)).toBe(expected);
  });
});
