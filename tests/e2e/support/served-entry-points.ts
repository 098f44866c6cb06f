import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { can, permissions, roles, type Permission, type Role } from "@/lib/admin/access/roles";

// What a build actually serves, read from its manifests (not from app/'s file names, which a folder called
// "sign-in-help" or a "use server" file called "tools.ts" can slip past), and a probe that asks each
// entry point as someone signed out and as each role. The rule is "refused unless listed as public":
// a page, route or action added tomorrow is covered without anyone editing a test.

export type EntryPoint = {
  kind: "page" | "route" | "action";
  /** Pages and routes: the URL asked for. Actions: a page URL to post to (any page will do). */
  url: string;
  /** Where it comes from: the manifest's source path, and for actions the exported name. */
  source: string;
  /** Whether the URL holds a made-up id (so an allowed caller meets "not found"). */
  dynamic: boolean;
  /** The URL as the app declares it, e.g. /admin/signatures/[id]. */
  pattern: string;
  actionId?: string;
};

/**
 * The only staff-area doors open to everyone: how staff get in. Exact paths, never prefixes. Every other
 * page or route under /admin or /api/admin, and every action outside these files, must refuse strangers.
 */
export const publicAdminPaths = ["/admin/sign-in", "/admin/sign-in/check-email", "/admin/sign-in/verify"];
export const publicActionFiles = [
  "app/admin/sign-in/actions.ts",
  "app/pledge/actions.ts",
  "app/scotland/volunteer/actions.ts",
];

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, "utf8")) as T;

/** "/admin/(signed-in)/signatures/[id]/page" → "/admin/signatures/<uuid>". */
function urlOf(manifestKey: string): { url: string; dynamic: boolean; pattern: string } {
  let dynamic = false;
  const pattern = `/${manifestKey
    .split("/")
    .slice(1, -1)
    .filter((segment) => !/^\(.*\)$/.test(segment))
    .join("/")}`;
  const parts = manifestKey
    .split("/")
    .slice(1, -1)
    .flatMap((segment) => {
      if (/^\(.*\)$/.test(segment) || segment.startsWith("@")) return [];
      if (/^\[.*\]$/.test(segment)) {
        dynamic = true;
        return [crypto.randomUUID()];
      }
      return [segment];
    });
  return { url: `/${parts.join("/")}`, dynamic, pattern };
}

/** Every page, route handler and server action the build in `buildDir` (a .next folder) serves. */
export function servedEntryPoints(buildDir: string): EntryPoint[] {
  const appPaths = readJson<Record<string, string>>(path.join(buildDir, "server", "app-paths-manifest.json"));
  const references = readJson<{ node: Record<string, { filename?: string; exportedName?: string }> }>(
    path.join(buildDir, "server", "server-reference-manifest.json"),
  );
  const pagesAndRoutes = Object.keys(appPaths)
    .filter((key) => !key.startsWith("/_")) // the framework's own error pages
    .map((key): EntryPoint => {
      const kind = key.endsWith("/route") ? "route" : "page";
      return { kind, source: appPaths[key]!, ...urlOf(key) };
    });
  const actions = Object.entries(references.node).map(([actionId, reference]): EntryPoint => ({
    kind: "action",
    // Posting to the dashboard's URL: the action id, not the page, decides what runs.
    url: "/admin",
    source: `${reference.filename ?? "?"}#${reference.exportedName ?? "?"}`,
    dynamic: false,
    pattern: "/admin",
    actionId,
  }));
  return [...pagesAndRoutes, ...actions].sort((a, b) => a.source.localeCompare(b.source));
}

/** Whether strangers must be refused: everything in the staff area, and every action not in a public file. */
export function isStaffOnly(entry: EntryPoint): boolean {
  if (entry.kind === "action") return !publicActionFiles.includes(entry.source.split("#")[0]!);
  const inStaffArea =
    entry.url === "/admin" || entry.url.startsWith("/admin/") || entry.url.startsWith("/api/admin/");
  return inStaffArea && !publicAdminPaths.includes(entry.url);
}

export type Answer = { refused: boolean; status: number; body: string; why: string };

/** GET first: if a caller is let in, nothing that could change data is sent after it. */
const methodsToTry = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/**
 * Asks one entry point. Refused means: a page sends you to sign in (307) or answers 403; a route handler
 * answers 401, 403 or 405 (a method it does not have) for every method; an action's answer redirects to
 * sign in or is Next's forbidden(). Anything else (a 200, a 404 for a made-up id, even a 500) means the door opened.
 */
export async function ask(request: APIRequestContext, entry: EntryPoint): Promise<Answer> {
  if (entry.kind === "action") {
    // A script calling an action by id, with no form: refused at the door, or let through to the parser.
    const response = await request.fetch(entry.url, {
      method: "POST",
      headers: { "Next-Action": entry.actionId!, "Content-Type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
      failOnStatusCode: false,
    });
    const redirect = response.headers()["x-action-redirect"] ?? "";
    const body = await response.text();
    // forbidden() in an action answers 200 with the RSC error Next's client turns into the 403 page.
    const forbidden = response.status() === 403 || body.includes('"digest":"NEXT_HTTP_ERROR_FALLBACK;403"');
    const refused = redirect.startsWith("/admin/sign-in") || forbidden;
    return { refused, status: response.status(), body, why: `${response.status()} ${redirect}`.trim() };
  }
  const methods = entry.kind === "page" ? ["GET"] : methodsToTry;
  let body = "";
  let lastStatus = 0;
  const opened: string[] = [];
  for (const method of methods) {
    const response = await request.fetch(entry.url, { method, maxRedirects: 0, failOnStatusCode: false });
    lastStatus = response.status();
    const location = response.headers()["location"] ?? "";
    body += await response.text();
    const refused =
      entry.kind === "page"
        ? (lastStatus === 307 && new URL(location, "http://x").pathname === "/admin/sign-in") ||
          lastStatus === 403
        : [401, 403, 405].includes(lastStatus);
    if (!refused) {
      opened.push(`${method} ${lastStatus}`);
      break;
    }
  }
  return { refused: opened.length === 0, status: lastStatus, body, why: opened.join(", ") || "refused" };
}

/**
 * The permission the source declares for an entry point: the first argument of requireStaff, staffAction,
 * staffFormAction or staffRoute in its file (for an action, in its own `export const name = …`). The
 * probe then checks that exactly the roles holding it were let in, so the declaration cannot lie.
 */
export function declaredPermission(entry: EntryPoint, repoRoot: string): Permission | undefined {
  const [file, name] = entry.source.split("#");
  const sourceFile = [file!, file!.replace(/\.js$/, ".tsx"), file!.replace(/\.js$/, ".ts")]
    .map((candidate) => path.join(repoRoot, candidate))
    .find((candidate) => /\.tsx?$/.test(candidate) && fs.existsSync(candidate));
  if (!sourceFile) return undefined;
  let source = fs.readFileSync(sourceFile, "utf8");
  if (name) {
    const start = source.indexOf(`export const ${name} =`);
    if (start < 0) return undefined;
    const next = source.indexOf("\nexport ", start + 1);
    source = source.slice(start, next < 0 ? undefined : next);
  }
  const found = /(?:requireStaff|staffAction|staffFormAction|staffRoute)\(\s*"([a-z-]+)"/.exec(source)?.[1];
  return permissions.find((permission) => permission === found);
}

/** The roles that hold `permission`, from lib/admin/access/roles.ts's table. */
export const holdersOf = (permission: Permission): Role[] => roles.filter((role) => can(role, permission));

/** The generated list of every staff entry point, the permission it declares and who was let in. */
export function entryPointTable(
  rows: { entry: EntryPoint; permission: string; letIn: readonly Role[] }[],
): string {
  const lines = rows.map(({ entry, permission, letIn }) => {
    const where = entry.kind === "action" ? entry.source : entry.pattern;
    return `| ${entry.kind} | \`${where}\` | ${permission} | ${letIn.join(", ") || "nobody"} |`;
  });
  return (
    ["| kind | entry point | permission | roles let in |", "|---|---|---|---|", ...lines].join("\n") + "\n"
  );
}

export type Finding = { entry: string; problem: string };

/**
 * The whole probe: every staff-only entry point asked by a stranger and by each role; every public page
 * read by a stranger; `personal` (a real supporter's and volunteer's details) looked for in every answer
 * given to someone without "view-people". Returns what was found open, and the generated table.
 */
export async function probeDoors(options: {
  entries: EntryPoint[];
  stranger: APIRequestContext;
  staff: Record<Role, APIRequestContext>;
  personal: readonly string[];
  repoRoot: string;
}): Promise<{ findings: Finding[]; table: string }> {
  const { entries, stranger, staff, personal, repoRoot } = options;
  const findings: Finding[] = [];
  const name = (entry: EntryPoint) => `${entry.kind} ${entry.kind === "action" ? entry.source : entry.url}`;
  const showsPeople = (entry: EntryPoint, body: string, who: string) => {
    for (const datum of personal)
      if (body.includes(datum)) findings.push({ entry: name(entry), problem: `shows "${datum}" to ${who}` });
  };
  const staffOnly = entries.filter(isStaffOnly);

  for (const entry of staffOnly) {
    const answer = await ask(stranger, entry);
    if (!answer.refused) findings.push({ entry: name(entry), problem: `lets a stranger in (${answer.why})` });
    showsPeople(entry, answer.body, "a stranger");
  }
  for (const entry of entries.filter((e) => !isStaffOnly(e) && e.kind !== "action")) {
    const response = await stranger.get(entry.url, { failOnStatusCode: false, maxRedirects: 0 });
    showsPeople(entry, await response.text(), "a stranger");
  }

  const letIn = new Map<EntryPoint, Role[]>(staffOnly.map((entry) => [entry, []]));
  for (const role of roles) {
    for (const entry of staffOnly) {
      const answer = await ask(staff[role], entry);
      if (!answer.refused) letIn.get(entry)!.push(role);
      if (!can(role, "view-people")) showsPeople(entry, answer.body, `a ${role}`);
    }
  }

  const rows = staffOnly.map((entry) => {
    const permission = declaredPermission(entry, repoRoot);
    const who = letIn.get(entry)!;
    if (!permission) findings.push({ entry: name(entry), problem: "declares no permission" });
    else if (holdersOf(permission).join() !== who.join())
      findings.push({
        entry: name(entry),
        problem: `declares "${permission}" (${holdersOf(permission).join(", ")}) but let in ${who.join(", ") || "nobody"}`,
      });
    return { entry, permission: permission ?? "(none declared)", letIn: who };
  });
  return { findings, table: entryPointTable(rows) };
}
