import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every admin page, server action and route handler must check the session and role itself: the layout's
// gate is not enough (a route handler or an action is reachable without it). This test reads the app/
// tree, so a new admin file that forgets its check fails here before it can ship. The browser test
// tests/e2e/admin-routes-are-guarded.spec.ts then proves the checks answer 401/redirect and 403.

const root = path.resolve(__dirname, "../..");
const publicAdminFolder = path.join("app", "admin", "sign-in"); // how staff get in: public by necessity

function filesUnder(folder: string): string[] {
  const full = path.join(root, folder);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { recursive: true, encoding: "utf8" }).map((file) => path.join(folder, file));
}

const adminFiles = [
  ...filesUnder(path.join("app", "admin")),
  ...filesUnder(path.join("app", "api", "admin")),
].filter((file) => !file.startsWith(publicAdminFolder));
const pages = adminFiles.filter((file) => /(^|\/)page\.tsx$/.test(file));
const routes = adminFiles.filter((file) => /(^|\/)route\.ts$/.test(file));
const actionFiles = adminFiles.filter((file) => /(^|\/)actions\.ts$/.test(file));

/** The body of each exported async function (`export async function name(...) { ... }`), up to the next export. */
function exportedFunctions(source: string): { name: string; body: string }[] {
  const starts = [...source.matchAll(/export (?:default )?async function (\w+)\s*\(/g)];
  return starts.map((match, index) => ({
    name: match[1]!,
    body: source.slice(match.index, starts[index + 1]?.index ?? source.length),
  }));
}

/** The first statement inside a function body. */
function firstStatement(body: string): string {
  const open = body.indexOf("{", body.indexOf(")"));
  return body
    .slice(open + 1)
    .trim()
    .split("\n")[0]!
    .trim();
}

describe("every admin entry point checks who is calling", () => {
  it("finds the admin area's pages, routes and actions", () => {
    expect(pages.length).toBeGreaterThan(0);
    expect(actionFiles.length).toBeGreaterThan(0);
  });

  it.each(pages)("page %s starts with requireStaff(…)", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const page = exportedFunctions(source).find((fn) => fn.body.startsWith("export default"));
    expect(page, `${file} has no default export async function`).toBeDefined();
    expect(firstStatement(page!.body)).toMatch(
      /^(const \w+ = |const \{[^}]*\} = )?await requireStaff\("[a-z-]+"\);$/,
    );
  });

  it.each(routes)("route %s starts every handler with staffForRoute(…)", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const handlers = exportedFunctions(source).filter((fn) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(fn.name));
    expect(handlers.length).toBeGreaterThan(0);
    for (const handler of handlers) {
      expect(firstStatement(handler.body), `${file} ${handler.name}`).toMatch(
        /^const \w+ = await staffForRoute\(request, "[a-z-]+"\);$/,
      );
    }
  });

  it.each(actionFiles)("every server action in %s starts with requireStaff(…)", (file) => {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const actions = exportedFunctions(source);
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) {
      expect(firstStatement(action.body), `${file} ${action.name}`).toMatch(
        /^(const \w+ = )?await requireStaff\("[a-z-]+"\);$/,
      );
    }
  });
});
