import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { makeSqliteFilesPrivate } from "@/lib/platform/database/private-files";

// A database file put straight into a shared folder (DATABASE_URL=file:/tmp/x.db, as the e2e suite does)
// must become private itself without turning the shared folder private: a 0700 /tmp locks every other
// user (PostgreSQL's own, for one) out of it.

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function folder(mode: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-private-"));
  made.push(dir);
  fs.chmodSync(dir, mode);
  return dir;
}

describe("making SQLite's files private", () => {
  it("leaves a shared folder (sticky bit, like /tmp) as it was, and makes the database file 0600", () => {
    const shared = folder(0o1777);
    const file = path.join(shared, "count-us-in.db");
    makeSqliteFilesPrivate(file);
    expect(fs.statSync(shared).mode & 0o7777).toBe(0o1777);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it("leaves the system's temporary folder as it was", () => {
    const before = fs.statSync(os.tmpdir()).mode & 0o7777;
    const file = path.join(os.tmpdir(), `cui-private-${process.pid}.db`);
    made.push(file);
    makeSqliteFilesPrivate(file);
    expect(fs.statSync(os.tmpdir()).mode & 0o7777).toBe(before);
  });

  it("tightens a folder of its own (DATA_DIR) to 0700", () => {
    const own = folder(0o755);
    makeSqliteFilesPrivate(path.join(own, "count-us-in.db"));
    expect(fs.statSync(own).mode & 0o777).toBe(0o700);
  });
});
