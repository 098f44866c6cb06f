import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "@/lib/platform/page-cache.mjs";
import { serveWithoutNextRuntime } from "@/lib/platform/script-free-response.mjs";

// The production server's stripping of Next.js's scripts (lib/platform/script-free-response.mjs), in front
// of a stand-in for Next.js on a real node:http server: what a visitor receives, byte for byte.

const withRuntime =
  `<!DOCTYPE html><html><head><link rel="preload" as="script" href="/_next/static/chunks/a.js"/>` +
  `<script src="/_next/static/chunks/a.js" async=""></script><script src="/copy-link.js" async="" data-keep=""></script>` +
  `</head><body><h1>Count Us In goes global</h1><script>self.__next_f.push([1,"x"])</script></body></html>`;
const stripped =
  `<!DOCTYPE html><html><head><script src="/copy-link.js" async="" data-keep=""></script>` +
  `</head><body><h1>Count Us In goes global</h1></body></html>`;

type Answer = { status?: number; headers: Record<string, string>; body: string | Buffer };
const page = (headers: Record<string, string> = {}, body: string | Buffer = withRuntime): Answer => ({
  headers: {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "s-maxage=31536000",
    etag: '"abc"',
    ...headers,
  },
  body,
});

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(answer: (req: http.IncomingMessage) => Answer, { pageCache = false } = {}) {
  const cache = pageCache ? createPageCache() : undefined;
  let toNext = 0;
  server = http.createServer((req, res) => {
    // As serve.mjs does: stripping installed last, just before Next.js answers.
    const nextAnswers = async () => {
      serveWithoutNextRuntime(req, res);
      toNext++;
      const { status = 200, headers, body } = answer(req);
      const bytes = Buffer.from(body);
      // Next.js sets its headers, then writes the page in pieces (its compression, in many small ones).
      for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
      res.statusCode = status;
      const third = Math.ceil(bytes.length / 3);
      res.write(bytes.subarray(0, third));
      res.write(bytes.subarray(third, 2 * third).toString("latin1"), "latin1");
      res.end(bytes.subarray(2 * third));
    };
    void (cache ? cache.handle(req, res, nextAnswers) : nextAnswers());
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  // node:http, not fetch: the bytes exactly as sent, still compressed.
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const request = http.request({ port, path, method, headers }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
          }),
        );
      });
      request.on("error", reject);
      request.end();
    });
  return { get, toNext: () => toNext };
}

describe("content pages leave the production server without Next.js's scripts", () => {
  it("strips a plain page and sends the right Content-Length, keeping the ETag", async () => {
    const { get } = await start(() => page({ "content-length": String(Buffer.byteLength(withRuntime)) }));
    const answer = await get("/blog/count-us-in-goes-global");
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe(stripped);
    expect(answer.headers["content-length"]).toBe(String(Buffer.byteLength(stripped)));
    expect(answer.headers["transfer-encoding"]).toBeUndefined();
    expect(answer.headers.etag).toBe('"abc"');
    expect(answer.headers["cache-control"]).toBe("s-maxage=31536000");
  });

  it.each([
    ["gzip", zlib.gzipSync, zlib.gunzipSync],
    ["br", zlib.brotliCompressSync, zlib.brotliDecompressSync],
    ["deflate", zlib.deflateSync, zlib.inflateSync],
  ] as const)("strips a %s page and sends it compressed the same way", async (coding, encode, decode) => {
    const { get } = await start(() => page({ "content-encoding": coding }, encode(withRuntime)));
    const answer = await get("/blog", { "accept-encoding": coding });
    expect(answer.headers["content-encoding"]).toBe(coding);
    expect(answer.headers["content-length"]).toBe(String(answer.body.length));
    expect(decode(answer.body).toString()).toBe(stripped);
  });

  it("leaves pages that keep React, and everything that is not a page, exactly as Next.js sent it", async () => {
    const { get } = await start((req) => {
      if (req.url === "/blog/feed.xml") return page({ "content-type": "application/rss+xml" });
      if (req.url === "/admin/people/gone") return { ...page(), status: 404 };
      if (req.url === "/pledge" && req.method === "POST") return { ...page(), status: 500 };
      if (req.url === "/about" && req.headers["if-none-match"]) return { ...page(), status: 304, body: "" };
      return page({ "content-length": String(Buffer.byteLength(withRuntime)) });
    });
    for (const path of [
      "/pledge/confirm/abc.def",
      "/admin",
      "/blog/feed.xml",
      "/admin/people/gone",
      "/api/pledge/count",
      "/_next/static/chunks/app.js",
    ])
      expect((await get(path)).body.toString(), path).toBe(withRuntime);
    expect((await get("/pledge", {}, "POST")).body.toString()).toBe(withRuntime);
    // The router's own requests (flight data for a client-side move) pass through too.
    expect((await get("/blog", { rsc: "1" })).body.toString()).toBe(withRuntime);
    // HEAD says no length rather than the whole copy's, which a GET never sends.
    const head = await get("/blog", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers["content-length"]).toBeUndefined();
    expect((await get("/admin/sign-in", {}, "HEAD")).headers["content-length"]).toBe(
      String(Buffer.byteLength(withRuntime)),
    );
    const notModified = await get("/about", { "if-none-match": '"abc"' });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.etag).toBe('"abc"');
  });

  it('sends the prerendered "not found" page without scripts, and a page\'s own 404 whole', async () => {
    const { get } = await start((req) =>
      req.url!.startsWith("/pledge/confirm/")
        ? { ...page(), status: 404 } // rendered for this request: may stream part of itself by script
        : { ...page({ "x-nextjs-cache": "HIT" }), status: 404 },
    );
    for (const path of ["/blog/no-such-post", "/nothing-here"]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).toBe(stripped);
    }
    const ownNotFound = await get("/pledge/confirm/not-a-real-link");
    expect(ownNotFound.status).toBe(404);
    expect(ownNotFound.body.toString()).toBe(withRuntime);
  });

  it("sends a body it cannot decode as Next.js wrote it", async () => {
    const broken = Buffer.from("not gzip at all");
    const { get } = await start(() => page({ "content-encoding": "gzip" }, broken));
    const answer = await get("/faq");
    expect(answer.body).toEqual(broken);
    expect(answer.headers["content-length"]).toBe(String(broken.length));
  });

  it("is what the page cache holds and replays, so a refresh gets the stripped page too", async () => {
    const { get, toNext } = await start(
      () => page({ "content-encoding": "gzip", "x-nextjs-cache": "HIT" }, zlib.gzipSync(withRuntime)),
      { pageCache: true },
    );
    const first = await get("/", { "accept-encoding": "gzip" });
    const replay = await get("/", { "accept-encoding": "gzip" });
    expect(toNext()).toBe(1);
    expect(replay.headers["x-cache"]).toBe("HIT");
    for (const answer of [first, replay]) {
      expect(zlib.gunzipSync(answer.body).toString()).toBe(stripped);
      expect(answer.headers["content-length"]).toBe(String(answer.body.length));
    }
  });
});
