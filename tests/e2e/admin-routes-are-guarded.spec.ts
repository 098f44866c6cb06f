import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { can, roles } from "@/lib/admin/roles";
import { adminEntries, signedInStaff, type AdminEntry } from "./support/staff";

// Every admin page and route handler, found by reading app/ when the test runs, asked for by someone
// signed out and by each role. A new page or route is checked the moment it exists; one that forgets its
// requireStaff("…") / staffForRoute(request, "…") fails here (and in tests/unit/admin-guard-coverage.test.ts,
// which reads the same files). What each role may do comes from lib/admin/roles.ts, the app's own table.

const entries = adminEntries();
const pages = entries.filter((entry) => entry.kind === "page");
const routes = entries.filter((entry) => entry.kind === "route");

const describe = (entry: AdminEntry, method = "GET") =>
  `${method} ${entry.url}${entry.dynamic ? " (an id nothing has)" : ""} – ${entry.file}`;

/** One request, redirects not followed, so a redirect is seen as the redirect it is. */
function send(request: APIRequestContext, entry: AdminEntry, method = "GET"): Promise<APIResponse> {
  return request.fetch(entry.url, { method, maxRedirects: 0, failOnStatusCode: false });
}

test.describe("The admin area lets nobody in who should not be there", () => {
  test("finds every admin page and route handler, and each names the permission it needs", () => {
    expect(
      pages.map((entry) => entry.url),
      "the dashboard is found",
    ).toContain("/admin");
    expect(routes.length, "the admin route handlers are found").toBeGreaterThan(0);
    for (const entry of entries) {
      expect
        .soft(entry.permission, `${entry.file} calls requireStaff/staffForRoute with a permission`)
        .toBeDefined();
      expect.soft(entry.methods.length, `${entry.file} handles at least one method`).toBeGreaterThan(0);
    }
  });

  test("signed out: every page sends you to sign in, every route handler answers 401", async ({
    page,
    baseURL,
  }) => {
    for (const entry of pages) {
      await test.step(describe(entry), async () => {
        const response = await send(page.request, entry);
        expect.soft(response.status(), `${describe(entry)}: a temporary redirect`).toBe(307);
        const location = response.headers()["location"] ?? "";
        expect
          .soft(new URL(location, baseURL).pathname, `${describe(entry)}: to sign in`)
          .toBe("/admin/sign-in");
        await page.goto(entry.url);
        await expect
          .soft(page, `${describe(entry)}: a browser ends up on the sign-in page`)
          .toHaveURL("/admin/sign-in");
      });
    }
    for (const entry of routes) {
      for (const method of entry.methods) {
        await test.step(describe(entry, method), async () => {
          const response = await send(page.request, entry, method);
          expect.soft(response.status(), describe(entry, method)).toBe(401);
          expect
            .soft(await response.text(), `${describe(entry, method)}: says nothing but "sign in"`)
            .toContain("Sign in to the admin area first.");
        });
      }
    }
  });

  for (const role of roles) {
    test(`signed in as ${role}: 403 wherever the role lacks the permission, and let in everywhere else`, async ({
      page,
    }) => {
      await signedInStaff(page, role, `guard-${role}`);

      for (const entry of pages) {
        await test.step(describe(entry), async () => {
          const response = await send(page.request, entry);
          const allowed = entry.permission !== undefined && can(role, entry.permission);
          // A page the role may see answers 200; with a made-up id, 404 (but never 403 or a redirect).
          const expected = !allowed ? 403 : entry.dynamic ? 404 : 200;
          expect.soft(response.status(), `${describe(entry)} needs "${entry.permission}"`).toBe(expected);
        });
      }

      for (const entry of routes) {
        const allowed = entry.permission !== undefined && can(role, entry.permission);
        // A handler the role may use is only called with GET: the others could change data.
        const methods = allowed ? entry.methods.filter((method) => method === "GET") : entry.methods;
        for (const method of methods) {
          await test.step(describe(entry, method), async () => {
            const response = await send(page.request, entry, method);
            const expected = !allowed ? 403 : entry.dynamic ? 404 : 200;
            expect
              .soft(response.status(), `${describe(entry, method)} needs "${entry.permission}"`)
              .toBe(expected);
            if (!allowed) await response.dispose();
            else await response.body(); // read to the end: an export is recorded when it completes
          });
        }
      }
    });
  }
});
