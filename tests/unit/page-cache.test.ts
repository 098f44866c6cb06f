import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "@/lib/platform/page-cache.mjs";

// The production server's one-second cache (lib/platform/page-cache.mjs) in front of a stand-in for
// Next.js on a real node:http server: what a refresh storm reaches Next.js with, and what is never held.

type Page = { status?: number; headers: Record<string, string>; body: string };

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(page: (req: http.IncomingMessage) => Page, clock = { now: 0 }) {
  const cache = createPageCache({ ttlMs: 1_000, maxEntryBytes: 64 * 1024, now: () => clock.now });
  const seenByNext: string[] = [];
  let requestNumber = 0;
  server = http.createServer((req, res) => {
    // As serve.mjs does before the cache: an id of this request's own.
    res.setHeader("x-request-id", `request-${++requestNumber}`);
    if (cache.serveOrCapture(req, res)) return;
    seenByNext.push(`${req.method} ${req.url}`);
    const answer = page(req);
    res.writeHead(answer.status ?? 200, answer.headers);
    // Next.js writes a page in pieces.
    res.write(answer.body.slice(0, 5));
    res.end(answer.body.slice(5));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (path: string, headers: Record<string, string> = {}, method = "GET") => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "accept-encoding": "identity", ...headers },
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  return { get, seenByNext, clock };
}

const sharedPage = (body = "<html>the count is 1,234</html>"): Page => ({
  headers: {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "s-maxage=4, stale-while-revalidate=1",
    "x-nextjs-cache": "HIT",
    etag: '"abc"',
  },
  body,
});

describe("the production server's one-second page cache", () => {
  it("answers a refresh storm on a shareable page with one request to Next.js a second, byte for byte", async () => {
    const { get, seenByNext, clock } = await start(() => sharedPage());
    const first = await get("/pledge");
    const storm = await Promise.all(Array.from({ length: 50 }, () => get("/pledge")));
    expect(seenByNext).toEqual(["GET /pledge"]);
    for (const answer of storm) {
      expect(answer.body).toBe(first.body);
      expect(answer.headers.get("cache-control")).toBe("s-maxage=4, stale-while-revalidate=1");
      expect(answer.headers.get("etag")).toBe('"abc"');
      // A cache in front counts the time it spent here; each request keeps its own id.
      expect(answer.headers.get("age")).toBe("0");
      expect(answer.headers.get("x-cache")).toBe("HIT");
      expect(answer.headers.get("x-nextjs-cache")).toBeNull();
      expect(answer.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    }
    clock.now += 999;
    await get("/pledge");
    expect(seenByNext).toHaveLength(1);
    clock.now += 1;
    await get("/pledge");
    expect(seenByNext).toHaveLength(2);
  });

  it("keeps no copy longer than the page's own s-maxage", async () => {
    const { get, seenByNext } = await start(() => ({
      headers: { "content-type": "application/json", "cache-control": "public, s-maxage=0" },
      body: '{"total":1}',
    }));
    await get("/api/pledge/count");
    await get("/api/pledge/count");
    expect(seenByNext).toHaveLength(2);
  });

  it("never holds what a shared cache must not: private, no-store, cookies, errors, stale copies", async () => {
    const kinds: Record<string, Page> = {
      "/private": { headers: { "cache-control": "private, no-store" }, body: "staff page" },
      "/no-cache": { headers: { "cache-control": "s-maxage=4, no-cache" }, body: "x" },
      "/no-header": { headers: {}, body: "x" },
      "/cookie": { headers: { "cache-control": "s-maxage=4", "set-cookie": "a=b" }, body: "x" },
      "/error": { status: 500, headers: { "cache-control": "s-maxage=4" }, body: "x" },
      "/missing": { status: 404, headers: { "cache-control": "s-maxage=4" }, body: "x" },
      "/stale": { headers: { "cache-control": "s-maxage=4", "x-nextjs-cache": "STALE" }, body: "x" },
      "/big": { headers: { "cache-control": "s-maxage=4" }, body: "x".repeat(65 * 1024) },
    };
    const { get, seenByNext } = await start((req) => kinds[req.url!]!);
    for (const path of Object.keys(kinds)) {
      await get(path);
      await get(path);
    }
    expect(seenByNext).toEqual(Object.keys(kinds).flatMap((path) => [`GET ${path}`, `GET ${path}`]));
  });

  it("passes on requests that ask for another variant or part of a page, and every POST", async () => {
    const { get, seenByNext } = await start(() => sharedPage());
    await get("/");
    const passing: Record<string, string>[] = [
      { rsc: "1" },
      { "next-router-prefetch": "1" },
      { "if-none-match": '"abc"' },
      { range: "bytes=0-3" },
      { authorization: "Bearer x" },
    ];
    for (const headers of passing) await get("/", headers);
    await get("/", {}, "POST");
    expect(seenByNext).toHaveLength(1 + passing.length + 1);
  });

  it("holds the gzip and plain copies apart, and answers HEAD from the held copy without a body", async () => {
    const { get, seenByNext } = await start((req) =>
      sharedPage(
        /gzip/.test(String(req.headers["accept-encoding"]))
          ? "<html>zipped copy</html>"
          : "<html>plain copy</html>",
      ),
    );
    expect((await get("/", { "accept-encoding": "gzip, br" })).body).toBe("<html>zipped copy</html>");
    expect((await get("/")).body).toBe("<html>plain copy</html>");
    expect((await get("/", { "accept-encoding": "gzip" })).body).toBe("<html>zipped copy</html>");
    const head = await get("/", {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
    expect(seenByNext).toEqual(["GET /", "GET /"]);
  });
});
