import http from "node:http";
import zlib from "node:zlib";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createPageCache } from "@/lib/platform/page-cache.mjs";

// The production server's page cache (lib/platform/page-cache.mjs) in front of a stand-in for Next.js on
// a real node:http server: what a refresh storm reaches Next.js with, and what is never held.

type Page = { status?: number; headers: Record<string, string>; body: string | Buffer };

let server: http.Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function start(page: (req: http.IncomingMessage) => Page | Promise<Page>, clock = { now: 0 }) {
  const cache = createPageCache({
    ttlMs: 1_000,
    staleMs: 1_000,
    maxEntryBytes: 64 * 1024,
    now: () => clock.now,
  });
  const seenByNext: string[] = [];
  let requestNumber = 0;
  server = http.createServer((req, res) => {
    // As serve.mjs does before the cache: an id of this request's own.
    res.setHeader("x-request-id", `request-${++requestNumber}`);
    void cache.handle(req, res, async () => {
      seenByNext.push(`${req.method} ${req.url}`);
      const answer = await page(req);
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, answer.headers);
      // Next.js writes a page in pieces.
      res.write(answer.body.slice(0, 5));
      res.end(answer.body.slice(5));
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = async (
    path: string,
    headers: Record<string, string> = {},
    method = "GET",
    signal?: AbortSignal,
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "accept-encoding": "identity", ...headers },
      signal,
    });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  /** Requests the server has received so far, answered or not. */
  const arrived = () => requestNumber;
  return { get, seenByNext, clock, arrived };
}

/** A Next.js that answers only when let go: what a render that competes with signing looks like. */
function slowNext() {
  const waiting: (() => void)[] = [];
  return {
    answer: (page: Page) => new Promise<Page>((resolve) => waiting.push(() => resolve(page))),
    letGo: () => waiting.splice(0).forEach((go) => go()),
  };
}

/** Until the condition holds (requests arrive in their own time on a busy machine), for up to 10 s. */
async function until(condition: () => boolean) {
  for (let i = 0; i < 2_000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
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

describe("the production server's page cache", () => {
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

  it("sends Next.js one request for a page it holds no copy of, however many arrive at once, and shares the answer", async () => {
    const next = slowNext();
    const { get, seenByNext, arrived } = await start(() => next.answer(sharedPage("<html>new copy</html>")));
    const storm = Promise.all(Array.from({ length: 30 }, () => get("/")));
    await until(() => arrived() === 30);
    expect(seenByNext, "the others wait for the one request in flight").toEqual(["GET /"]);
    next.letGo();
    for (const answer of await storm) {
      expect(answer.status).toBe(200);
      expect(answer.body).toBe("<html>new copy</html>");
    }
    expect(seenByNext).toEqual(["GET /"]);
  });

  it("answers from the old copy while one request fetches the next, and never past the stale window", async () => {
    let version = 1;
    const next = slowNext();
    const { get, seenByNext, clock, arrived } = await start(() =>
      version === 1
        ? sharedPage("<html>count 1</html>")
        : next.answer(sharedPage(`<html>count ${version}</html>`)),
    );
    await get("/");
    version = 2;
    clock.now = 1_500; // past the copy's fresh second, within its stale one
    const fetching = get("/");
    await until(() => seenByNext.length === 2);
    const meanwhile = await Promise.all(Array.from({ length: 20 }, () => get("/")));
    for (const answer of meanwhile) {
      expect(answer.body, "nobody waits for the render").toBe("<html>count 1</html>");
      expect(answer.headers.get("x-cache")).toBe("STALE");
      expect(answer.headers.get("age")).toBe("1");
    }
    expect(seenByNext, "only one request reaches Next.js").toHaveLength(2);
    next.letGo();
    expect((await fetching).body).toBe("<html>count 2</html>");
    const after = await get("/");
    expect(after.body).toBe("<html>count 2</html>");
    expect(after.headers.get("x-cache")).toBe("HIT");

    // Two seconds after a copy was made it is never served again, however slow the next one is.
    version = 3;
    clock.now = 1_500 + 2_000;
    const late = get("/");
    await until(() => seenByNext.length === 3);
    const waiting = get("/");
    await until(() => arrived() === 25);
    next.letGo();
    expect((await late).body).toBe("<html>count 3</html>");
    expect((await waiting).body).toBe("<html>count 3</html>");
    expect(seenByNext).toHaveLength(3);
  });

  it("while Next.js is still making the next copy, answers from the old one a moment before asking again", async () => {
    let state = "HIT";
    const { get, seenByNext, clock } = await start(() => ({
      ...sharedPage(`<html>${state}</html>`),
      headers: { ...sharedPage().headers, "x-nextjs-cache": state },
    }));
    await get("/");
    state = "STALE"; // Next.js's own copy is due, and it has started a new one in the background
    clock.now = 1_000;
    expect((await get("/")).body, "the one request that asked").toBe("<html>STALE</html>");
    for (let i = 0; i < 10; i++) {
      const answer = await get("/");
      expect(answer.body).toBe("<html>HIT</html>");
      expect(answer.headers.get("x-cache")).toBe("STALE");
    }
    expect(seenByNext, "no stream of requests to Next.js while it renders").toHaveLength(2);
    state = "REVALIDATED";
    clock.now = 1_200;
    expect((await get("/")).body).toBe("<html>REVALIDATED</html>");
    expect((await get("/")).headers.get("x-cache")).toBe("HIT");
    expect(seenByNext).toHaveLength(3);
  });

  it("serves no stale copy of a page that allows none", async () => {
    const { get, seenByNext, clock } = await start(() => ({
      headers: { "content-type": "text/html", "cache-control": "s-maxage=1" },
      body: "<html>no grace</html>",
    }));
    await get("/");
    clock.now = 1_000;
    const again = await get("/");
    expect(again.headers.get("x-cache")).toBeNull();
    expect(seenByNext).toHaveLength(2);
  });

  it("holds a page that shows a count only until the count is 5 s old, and says the count's age", async () => {
    const countedAt = (ms: number) => `data-counted-at="${new Date(ms).toISOString()}"`;
    let render = 1;
    // Under load a render takes seconds: this copy's count was read 4.2 s before Next.js finished it.
    const { get, seenByNext, clock } = await start(() => {
      const page = sharedPage(`<html><strong ${countedAt(5_800)}>1,234</strong> render ${render++}</html>`);
      return {
        ...page,
        headers: { ...page.headers, "content-encoding": "gzip" },
        body: zlib.gzipSync(page.body),
      };
    });
    clock.now = 10_000;
    const first = await get("/", { "accept-encoding": "gzip" });
    expect(first.body).toContain("render 1");
    expect(first.headers.get("x-cache")).toBeNull();
    clock.now = 10_799;
    const held = await get("/", { "accept-encoding": "gzip" });
    expect(held.body, "read from the gzip copy held").toContain("render 1");
    expect(held.headers.get("x-cache")).toBe("HIT");
    expect(held.headers.get("age"), "counted from when the count was read, for a cache in front").toBe("4");
    // 5 s after the count was read the copy is gone, though its own headers would allow 2 s more.
    clock.now = 10_800;
    expect((await get("/", { "accept-encoding": "gzip" })).body).toContain("render 2");
    expect(seenByNext).toHaveLength(2);
  });

  it("never holds a copy whose count is already 5 s old, and holds pages without a count as before", async () => {
    const { get, seenByNext, clock } = await start((req) =>
      sharedPage(
        req.url === "/old-count"
          ? `<html><strong data-counted-at="${new Date(0).toISOString()}">1</strong></html>`
          : "<html>no count here</html>",
      ),
    );
    clock.now = 5_000;
    for (const path of ["/old-count", "/old-count", "/no-count", "/no-count"]) await get(path);
    expect(seenByNext).toEqual(["GET /old-count", "GET /old-count", "GET /no-count"]);
  });

  it("shares a copy Next.js calls STALE with the requests waiting for it, but never holds it", async () => {
    const next = slowNext();
    const { get, seenByNext, arrived } = await start(() =>
      next.answer({
        ...sharedPage("<html>stale</html>"),
        headers: { ...sharedPage().headers, "x-nextjs-cache": "STALE" },
      }),
    );
    const storm = Promise.all(Array.from({ length: 10 }, () => get("/")));
    await until(() => arrived() === 10);
    next.letGo();
    for (const answer of await storm) expect(answer.body).toBe("<html>stale</html>");
    expect(seenByNext).toHaveLength(1);
    const later = get("/");
    await until(() => seenByNext.length === 2);
    next.letGo();
    expect((await later).body).toBe("<html>stale</html>");
  });

  it("lets the waiting requests ask Next.js themselves when the one in flight fails or is cut off", async () => {
    const next = slowNext();
    let calls = 0;
    const { get, seenByNext, arrived } = await start(() => {
      calls += 1;
      if (calls === 1)
        return next.answer({ status: 500, headers: { "cache-control": "s-maxage=2" }, body: "oops" });
      if (calls === 4) return next.answer(sharedPage("<html>second try</html>"));
      return sharedPage("<html>own answer</html>");
    });
    const failing = get("/");
    await until(() => seenByNext.length === 1);
    const waiters = Promise.all([get("/"), get("/")]);
    await until(() => arrived() === 3);
    expect(seenByNext, "the two wait for the one in flight").toHaveLength(1);
    next.letGo();
    expect((await failing).status).toBe(500);
    for (const answer of await waiters) expect(answer.body).toBe("<html>own answer</html>");
    expect(seenByNext).toHaveLength(3);

    // A visitor who gives up does not leave the others waiting for ever.
    const gaveUp = new AbortController();
    const cutOff = get("/other", {}, "GET", gaveUp.signal).catch(() => "aborted");
    await until(() => seenByNext.length === 4);
    const waiter = get("/other");
    await until(() => arrived() === 5);
    expect(seenByNext, "the second waits for the first").toHaveLength(4);
    gaveUp.abort();
    expect(await cutOff).toBe("aborted");
    expect((await waiter).body).toBe("<html>own answer</html>");
    next.letGo();
  });

  it("sends requests for an address whose answer could not be shared straight to Next.js, without queueing", async () => {
    const next = slowNext();
    const { get, seenByNext, clock, arrived } = await start(() =>
      next.answer({ headers: { "cache-control": "private, no-store" }, body: "staff page" }),
    );
    const first = get("/admin");
    await until(() => seenByNext.length === 1);
    next.letGo();
    await first;
    // Five colleagues open the same page at once: none waits for another's answer.
    const colleagues = Promise.all(Array.from({ length: 5 }, () => get("/admin")));
    await until(() => seenByNext.length === 6);
    next.letGo();
    for (const answer of await colleagues) expect(answer.body).toBe("staff page");
    // A few seconds on, the address is tried again as one that might be shared.
    clock.now += 5_000;
    const again = Promise.all([get("/admin"), get("/admin")]);
    await until(() => arrived() === 8);
    await until(() => seenByNext.length === 7);
    expect(seenByNext, "one goes through, the other waits for it").toHaveLength(7);
    next.letGo();
    await until(() => seenByNext.length === 8);
    next.letGo();
    await again;
  });
});
