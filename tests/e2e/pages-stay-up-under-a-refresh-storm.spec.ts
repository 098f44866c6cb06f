import { expect, test } from "@playwright/test";

// On the campaign's best day most requests are people refreshing the home page and the pledge page.
// Both are the same for every visitor, so Next serves them from its own cache and a CDN may too; the
// count they show is at most 5 s old (under 1 s between regenerations, up to 3 s in the server's page
// cache, lib/platform/page-cache.mjs, and 1 s of count cache).

test.describe("Pages stay up under a refresh storm", () => {
  for (const path of ["/", "/pledge"]) {
    test(`${path} can be served from a shared cache, and says so`, async ({ request }) => {
      const first = await request.get(path);
      expect(first.status()).toBe(200);
      expect(first.headers()["cache-control"]).toBe("s-maxage=1, stale-while-revalidate=2");
      expect(first.headers()["set-cookie"], "no cookie makes the page personal").toBeUndefined();

      // A second visitor gets the cached copy. Nothing in it is per visitor: no timing token, and the
      // challenge field is empty until the browser fetches and solves its own challenge.
      // From the server's page cache (x-cache: HIT, or STALE while it fetches the next copy) or Next's own.
      const second = await request.get(path);
      const cachedBy = second.headers()["x-cache"] ?? second.headers()["x-nextjs-cache"];
      expect(["HIT", "STALE"]).toContain(cachedBy);
      const html = await second.text();
      expect(html).not.toContain('name="formToken"');
      if (path === "/pledge") expect(html).toMatch(/<input type="hidden" name="altcha" value=""\/>/);
    });
  }

  test("the challenge a browser solves is fetched separately and never cached", async ({ request }) => {
    const [a, b] = await Promise.all([
      request.get("/api/pledge/challenge"),
      request.get("/api/pledge/challenge"),
    ]);
    expect(a.headers()["cache-control"]).toBe("no-store");
    const [first, second] = [await a.json(), await b.json()];
    expect(first.parameters.algorithm).toBe("SHA-256");
    expect(first.signature).not.toBe(second.signature);
  });
});
