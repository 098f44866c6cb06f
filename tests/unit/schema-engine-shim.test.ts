import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveDatabaseTarget, sqliteFilePath } from "@/prisma/database-target";
import { parseArgs } from "@/prisma/engine/args.mjs";
import { findNativeSchemaEngine } from "@/prisma/engine/select-schema-engine";

// The pieces of the offline schema engine (prisma/engine) and of provider selection that can be checked
// without Prisma's CLI. tests/integration/migrations.test.ts drives the whole thing through the CLI.

const ENGINE = path.resolve(__dirname, "../../prisma/engine/main.mjs");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "cui-engine-unit-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

describe("engine command line", () => {
  it("reads what Prisma's CLI passes for a migrate command", () => {
    const args = parseArgs([
      "--datamodels",
      "/p/a.prisma",
      "--datamodels",
      "/p/b.prisma",
      "--datasource",
      JSON.stringify({ url: "file:/tmp/x.db", shadowDatabaseUrl: "" }),
      "--enabled-preview-features",
      "views,relationJoins",
    ]);
    expect(args).toEqual({
      version: false,
      datamodels: ["/p/a.prisma", "/p/b.prisma"],
      datasource: { url: "file:/tmp/x.db" },
      previewFeatures: ["views", "relationJoins"],
      cliCommand: undefined,
    });
  });

  it("reads the one-shot cli commands and --version", () => {
    expect(
      parseArgs(["--datasource", '{"url":"postgresql://h/db"}', "cli", "create-database"]).cliCommand,
    ).toBe("create-database");
    expect(parseArgs(["--version"]).version).toBe(true);
  });

  it("refuses what it does not understand, so a Prisma upgrade fails loudly", () => {
    expect(() => parseArgs(["--new-flag"])).toThrow(/unexpected argument/);
    expect(() => parseArgs(["--datasource", "{not json"])).toThrow(/not valid JSON/);
    expect(() => parseArgs(["--datamodels"])).toThrow(/needs a value/);
  });
});

describe("engine JSON-RPC over stdio", () => {
  it("answers requests in order, renames getDatabaseVersion and reports unknown methods as errors", async () => {
    const url = `file:${path.join(scratch, "rpc.db")}`;
    const replies = await talkToEngine(
      ["--datasource", JSON.stringify({ url })],
      [
        {
          jsonrpc: "2.0",
          id: 1,
          method: "getDatabaseVersion",
          params: { datasource: { tag: "ConnectionString", url } },
        },
        { jsonrpc: "2.0", id: 2, method: "noSuchMethod", params: {} },
      ],
    );
    expect(replies[0]).toMatchObject({ id: 1, result: expect.stringMatching(/^3\./) }); // SQLite 3.x
    expect(replies[1]).toMatchObject({
      id: 2,
      error: { code: 4466, data: { is_panic: false, message: expect.stringContaining("noSuchMethod") } },
    });
  });

  it("answers even when the wasm engine throws outside the awaited call (trap 8), then exits", async () => {
    const url = `file:${path.join(scratch, "crash.db")}`;
    // Malformed params make the wasm bindings throw from a microtask: the call's promise never settles.
    const request = { jsonrpc: "2.0", id: 7, method: "getDatabaseVersion", params: {} };
    const { code, stdout } = await runEngine(
      ["--datasource", JSON.stringify({ url })],
      `${JSON.stringify(request)}\n`,
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      id: 7,
      error: { data: { message: expect.stringContaining("datasource") } },
    });
  });

  it("reports a missing SQLite file as P1003 so the CLI offers to create it", async () => {
    const url = `file:${path.join(scratch, "missing", "db.sqlite")}`;
    const { code, stderr } = await runEngine([
      "--datasource",
      JSON.stringify({ url }),
      "cli",
      "can-connect-to-database",
    ]);
    expect(code).toBe(1);
    // Every stderr line must be JSON: the CLI parses them all.
    const lines = stderr
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(lines.at(-1)).toMatchObject({ level: "ERROR", fields: { error_code: "P1003" } });
  });
});

describe("native engine detection", () => {
  it("finds schema-engine-<target> and ignores checksums and archives", () => {
    const folder = fs.mkdtempSync(path.join(scratch, "engines-"));
    fs.writeFileSync(path.join(folder, "schema-engine-debian-openssl-3.0.x.sha256"), "");
    fs.writeFileSync(path.join(folder, "schema-engine-debian-openssl-3.0.x.gz"), "");
    expect(findNativeSchemaEngine([folder])).toBeUndefined();
    fs.writeFileSync(path.join(folder, "schema-engine-debian-openssl-3.0.x"), "");
    expect(findNativeSchemaEngine([folder])).toBe(path.join(folder, "schema-engine-debian-openssl-3.0.x"));
  });
});

describe("provider selection", () => {
  it("defaults to the embedded SQLite file, made absolute", () => {
    expect(resolveDatabaseTarget({}, "/srv/app")).toEqual({
      provider: "sqlite",
      url: "file:/srv/app/data/count-us-in.db",
    });
  });

  it("follows DATABASE_URL's scheme", () => {
    const url = "postgresql://app@db.internal:5432/count";
    expect(resolveDatabaseTarget({ DATABASE_URL: url })).toEqual({ provider: "postgresql", url });
    expect(resolveDatabaseTarget({ DATABASE_URL: "postgres://h/db" }).provider).toBe("postgresql");
  });

  it("lets DATABASE_PROVIDER name a provider without a URL, and refuses a contradiction", () => {
    expect(resolveDatabaseTarget({ DATABASE_PROVIDER: "postgresql" })).toEqual({
      provider: "postgresql",
      url: undefined,
    });
    expect(() =>
      resolveDatabaseTarget({ DATABASE_PROVIDER: "postgresql", DATABASE_URL: "file:./x.db" }),
    ).toThrow(/does not match/);
    expect(() => resolveDatabaseTarget({ DATABASE_PROVIDER: "mysql" })).toThrow(/must be one of/);
    expect(() => resolveDatabaseTarget({ DATABASE_URL: "mysql://h/db" })).toThrow(/must start with/);
  });

  it("drops query parameters from SQLite URLs (better-sqlite3 would take them as part of the name)", () => {
    expect(sqliteFilePath("file:data/x.db?connection_limit=1", "/srv/app")).toBe("/srv/app/data/x.db");
  });
});

function runEngine(args: string[], input = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ENGINE, ...args], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(input);
  });
}

async function talkToEngine(args: string[], requests: object[]): Promise<Array<Record<string, unknown>>> {
  const { code, stdout, stderr } = await runEngine(
    args,
    requests.map((r) => JSON.stringify(r)).join("\n") + "\n",
  );
  expect(code, stderr).toBe(0);
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}
