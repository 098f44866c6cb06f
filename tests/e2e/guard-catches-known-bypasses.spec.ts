import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { roles, type Role } from "@/lib/admin/access/roles";
import { newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import { freePort, killGroup } from "@/tests/e2e/support/scale-out-stack";
import { probeDoors, servedEntryPoints } from "@/tests/e2e/support/served-entry-points";
import { appEnvironment, signedInStaff } from "@/tests/e2e/support/staff";

// The guard probe (tests/e2e/admin-routes-are-guarded.spec.ts) must catch the four mistakes that fooled
// the old file-reading guard test. This copies the app, adds them (tests/fixtures/guard-bypasses/),
// builds and starts the copy on a database of its own, runs the same probe, and expects exactly those
// four to be found, each for the reason it is dangerous. It costs one extra production build.

const repoRoot = path.resolve(__dirname, "../..");
const fixtures = path.join(repoRoot, "tests/fixtures/guard-bypasses");
const run = promisify(execFile);
const skipped = new Set([".next", "node_modules", "data", "test-results", "playwright-report", ".git"]);

/** A copy of the repository with the fixtures in place, sharing node_modules by hard links where it can. */
async function copyWithBypasses(): Promise<string> {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), "count-us-in-bypasses-"));
  fs.cpSync(repoRoot, copy, {
    recursive: true,
    filter: (source) => !skipped.has(path.relative(repoRoot, source).split(path.sep)[0]!),
  });
  fs.cpSync(fixtures, copy, { recursive: true, filter: (source) => path.basename(source) !== "README.md" });
  try {
    await run("cp", ["-al", path.join(repoRoot, "node_modules"), path.join(copy, "node_modules")]);
  } catch {
    // Another file system: a real copy (Turbopack will not follow a node_modules symlink out of the project).
    await run("cp", ["-a", path.join(repoRoot, "node_modules"), path.join(copy, "node_modules")]);
  }
  return copy;
}

test.describe("The guard probe catches the doors that were once left open", () => {
  let copy: string;
  let server: ChildProcess | undefined;
  let output = "";

  test.afterAll(() => {
    if (server) killGroup(server);
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
  });

  test('an unguarded arrow action, a look-alike sign-in folder, a stray "use server" file and a wrong permission are all found', async ({
    browser,
    playwright,
  }) => {
    test.setTimeout(15 * 60_000);
    copy = await copyWithBypasses();
    await run(path.join(copy, "node_modules/.bin/next"), ["build"], {
      cwd: copy,
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60_000,
    });

    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    const environment = {
      ...appEnvironment(),
      DATABASE_URL: `file:${path.join(copy, "data", "bypasses.db")}`,
      DATA_DIR: path.join(copy, "data"),
      SITE_URL: baseURL,
    };
    server = spawn("npm", ["run", "start", "--", "-p", String(port)], {
      cwd: copy,
      env: { ...process.env, ...environment },
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    server.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    await expect
      .poll(async () => (await fetch(`${baseURL}/api/health`).catch(() => undefined))?.status, {
        message: `the copy starts:\n${output}`,
        timeout: 90_000,
      })
      .toBe(200);

    const supporter = newSupporter("bypass-signer", { name: "Bryony Bypasstest", livesIn: "Scotland" });
    const visitor = await browser.newContext({ baseURL });
    await signThePledge(await visitor.newPage(), supporter);
    const staff = {} as Record<Role, APIRequestContext>;
    for (const role of roles) {
      const page = await (await browser.newContext({ baseURL })).newPage();
      await signedInStaff(page, role, `bypass-${role}`, environment);
      staff[role] = page.request;
    }
    const stranger = await playwright.request.newContext({ baseURL });

    const { findings } = await probeDoors({
      entries: servedEntryPoints(path.join(copy, ".next")),
      stranger,
      staff,
      personal: [supporter.name, supporter.email],
      repoRoot: copy,
    });
    const found = (entry: string) =>
      findings.filter((finding) => finding.entry === entry).map((f) => f.problem);

    // 1. The arrow-function action runs for anyone.
    expect(found("action app/admin/(signed-in)/bypass-arrow/actions.ts#countEveryone")).toEqual(
      expect.arrayContaining([expect.stringContaining("lets a stranger in")]),
    );
    // 2. The look-alike folder is not the sign-in page: it must refuse strangers, and it shows people.
    expect(found("page /admin/sign-in-help")).toEqual(
      expect.arrayContaining([
        expect.stringContaining("lets a stranger in"),
        `shows "${supporter.name}" to a stranger`,
      ]),
    );
    // 3. A "use server" file anywhere is served, whatever its name.
    expect(found("action lib/admin/tools.ts#recountEverything")).toEqual(
      expect.arrayContaining([expect.stringContaining("lets a stranger in")]),
    );
    // 4. A viewer may see counts, never people.
    expect(found("page /admin/bypass-permission")).toEqual(
      expect.arrayContaining([`shows "${supporter.name}" to a viewer`]),
    );
    // And nothing else: the real app around them stays shut.
    const fixturesFound = new Set([
      "action app/admin/(signed-in)/bypass-arrow/actions.ts#countEveryone",
      "page /admin/sign-in-help",
      "action lib/admin/tools.ts#recountEverything",
      "page /admin/bypass-permission",
    ]);
    expect(findings.filter((finding) => !fixturesFound.has(finding.entry))).toEqual([]);
  });
});
