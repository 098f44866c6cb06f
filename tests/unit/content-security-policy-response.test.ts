import { createHash } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { perRequestPagePolicy } from "@/lib/security/content-security-policy.mjs";
import { contentSecurityPolicyForResponses } from "@/lib/security/content-security-policy-response.mjs";

// The production server's last word on each response's policy, in front of a stand-in for Next.js that
// answers the way Next.js does (proxy.ts's nonce policy already set, its own gzip compression in between).

type Middleware = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => Middleware;

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("base64");
const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";
const proxyPolicy = perRequestPagePolicy(nonce);

// What the cached home page currently is; a regeneration changes it (and so its ETag).
let count = 1;
const pageScript = () => `self.__next_f.push([1,"count ${count}"])`;
const cachedHtml = () =>
  `<!DOCTYPE html><html><body><p>${count} people</p>${"<p>padding</p>".repeat(200)}` +
  `<script>${pageScript()}</script><script>alert("not ours")</script></body></html>`;

function standInForNext(req: http.IncomingMessage, res: http.ServerResponse) {
  res.setHeader("content-security-policy", proxyPolicy);
  const path = req.url ?? "/";
  if (path === "/cached" || path === "/cached-same-etag") {
    const html = cachedHtml();
    const etag = path === "/cached-same-etag" ? '"fixed"' : `"count-${count}"`;
    res.setHeader("cache-control", "s-maxage=4, stale-while-revalidate=1");
    res.setHeader("etag", etag);
    if (req.headers["if-none-match"] === etag) {
      res.statusCode = 304;
      return res.end();
    }
    res.setHeader("content-type", "text/html; charset=utf-8");
    return res.end(req.method === "HEAD" ? undefined : html);
  }
  if (path === "/pledge" && req.method === "POST") {
    // A form sent without JavaScript: Next.js renders the page for this request (its scripts carry this
    // request's nonce), yet labels the answer as from its cache.
    res.setHeader("cache-control", "no-cache, no-store, max-age=0, must-revalidate");
    res.setHeader("x-nextjs-cache", "HIT");
    res.setHeader("content-type", "text/html; charset=utf-8");
    return res.end(
      `<!DOCTYPE html><html><body><script nonce="${nonce}">self.__next_f.push([2,[{}]])</script>`,
    );
  }
  if (path === "/prerendered-404") {
    // Next.js sends its prerendered 404 page from its cache, marked private.
    res.statusCode = 404;
    res.setHeader("cache-control", "private, no-cache, no-store, max-age=0, must-revalidate");
    res.setHeader("x-nextjs-cache", "HIT");
    res.setHeader("content-type", "text/html; charset=utf-8");
    return res.end(cachedHtml());
  }
  if (path === "/dynamic" || path === "/dynamic-without-proxy") {
    if (path === "/dynamic-without-proxy") res.removeHeader("content-security-policy");
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
    });
    res.write(`<!DOCTYPE html><html><body><script nonce="${nonce}">1</script>`);
    return setTimeout(() => res.end("<p>streamed</p></body></html>"), 5);
  }
  res.setHeader("content-type", "application/json");
  res.setHeader("cache-control", "no-store");
  res.end(JSON.stringify({ status: "ok" }));
}

let origin = "";
let server: http.Server;
function start(siteUrl: string, trustedProxyHops: number) {
  const secure = contentSecurityPolicyForResponses({ siteUrl, trustedProxyHops });
  const compress = compression();
  return http.createServer((req, res) => {
    secure(req, res);
    compress(req, res, () => {});
    standInForNext(req, res);
  });
}

beforeAll(async () => {
  server = start("http://localhost:3000", 1);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };
function get(
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
  base = origin,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${base}${path}`, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        const raw = Buffer.concat(chunks);
        const encoding = response.headers["content-encoding"];
        const body =
          encoding === "gzip" ? zlib.gunzipSync(raw) : encoding === "deflate" ? zlib.inflateSync(raw) : raw;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: body.toString("utf8") });
      });
    });
    request.on("error", reject);
    request.end();
  });
}
const scriptSources = (answer: Answer) =>
  /script-src ([^;]*)/.exec(String(answer.headers["content-security-policy"]))?.[1]?.split(" ");

describe("the policy a page from a shared cache leaves with", () => {
  it.each<Record<string, string>>([{}, { "accept-encoding": "gzip" }, { "accept-encoding": "deflate" }])(
    "allows exactly the inline scripts Next.js wrote into it, never the nonce (%j)",
    async (headers) => {
      count += 1;
      const answer = await get("/cached", headers);
      expect(answer.status).toBe(200);
      expect(answer.headers["content-encoding"], "hashed through the compression").toBe(
        headers["accept-encoding"],
      );
      expect(answer.body).toContain(`${count} people`);
      expect(scriptSources(answer)).toEqual(["'self'", `'sha256-${sha256(pageScript())}'`]);
      expect(answer.headers["cache-control"], "still cacheable").toBe("s-maxage=4, stale-while-revalidate=1");
    },
  );

  it("is worked out once per copy: later responses of the same ETag reuse it", async () => {
    count += 1;
    const first = await get("/cached-same-etag", { "accept-encoding": "gzip" });
    count += 1; // the body changes but the ETag does not: only a remembered policy can explain the answer
    const second = await get("/cached-same-etag", { "accept-encoding": "gzip" });
    expect(second.headers["content-security-policy"]).toBe(first.headers["content-security-policy"]);
    expect(second.body).toContain(`${count} people`);
  });

  it("a regenerated copy (new ETag) gets its own hashes", async () => {
    count += 1;
    const before = await get("/cached");
    count += 1;
    const after = await get("/cached");
    expect(after.headers["content-security-policy"]).not.toBe(before.headers["content-security-policy"]);
    expect(scriptSources(after)).toContain(`'sha256-${sha256(pageScript())}'`);
  });

  it("a 304 carries the policy of the copy the visitor kept, or none, never the nonce policy", async () => {
    count += 1;
    const full = await get("/cached");
    const etag = String(full.headers.etag);
    const notModified = await get("/cached", { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers["content-security-policy"]).toBe(full.headers["content-security-policy"]);

    count += 1;
    const unseen = await get("/cached", { "if-none-match": `"count-${count}"` });
    expect(unseen.status).toBe(304);
    expect(unseen.headers["content-security-policy"]).toBeUndefined();
  });

  it("a HEAD for a copy never served carries no policy a cache could store over the right one", async () => {
    count += 1;
    const head = await get("/cached", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers["content-security-policy"]).toBeUndefined();
  });
});

describe("the policy of other responses", () => {
  it("a page Next.js rendered earlier and serves from its cache, though marked private, lists its hashes", async () => {
    const answer = await get("/prerendered-404", { "accept-encoding": "gzip" });
    expect(answer.status).toBe(404);
    expect(scriptSources(answer)).toEqual(["'self'", `'sha256-${sha256(pageScript())}'`]);
  });

  it("a page rendered per request keeps proxy.ts's nonce policy, and streams", async () => {
    const answer = await get("/dynamic", { "accept-encoding": "gzip" });
    expect(answer.headers["content-security-policy"]).toBe(proxyPolicy);
    expect(answer.body).toContain("<p>streamed</p>");
  });

  it("the page a form post is answered with runs inline scripts by its nonce, and our own files", async () => {
    const answer = await get("/pledge", { "accept-encoding": "gzip" }, "POST");
    expect(answer.status).toBe(200);
    expect(scriptSources(answer)).toEqual([`'nonce-${nonce}'`, "'self'"]);
  });

  it("a page that missed proxy.ts runs no script rather than any", async () => {
    const answer = await get("/dynamic-without-proxy");
    expect(scriptSources(answer)).toEqual(["'none'"]);
  });

  it("JSON loads nothing and cannot be framed", async () => {
    const answer = await get("/api/health");
    expect(answer.headers["content-security-policy"]).toBe(
      "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(JSON.parse(answer.body)).toEqual({ status: "ok" });
  });
});

describe("HSTS", () => {
  it("is not sent on plain http", async () => {
    expect((await get("/api/health")).headers["strict-transport-security"]).toBeUndefined();
  });

  it("is sent when the proxy in front says the visitor came over https", async () => {
    const answer = await get("/api/health", { "x-forwarded-proto": "https" });
    expect(answer.headers["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  });

  it("is sent on every response when the site's address is https", async () => {
    const onHttps = start("https://countusin.example.org", 0);
    await new Promise<void>((resolve) => onHttps.listen(0, "127.0.0.1", resolve));
    try {
      const base = `http://127.0.0.1:${(onHttps.address() as AddressInfo).port}`;
      for (const path of ["/cached", "/dynamic", "/api/health"])
        expect((await get(path, {}, "GET", base)).headers["strict-transport-security"]).toBe(
          "max-age=63072000; includeSubDomains",
        );
    } finally {
      await new Promise<void>((resolve) => onHttps.close(() => resolve()));
    }
  });
});
