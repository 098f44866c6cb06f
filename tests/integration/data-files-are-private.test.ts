import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadKeyRing } from "@/lib/security/key-ring-config";
import { createDbClient, type DbClient } from "@/lib/platform/db";
import { createFileTransport } from "@/lib/mail/transport";
import { logger } from "@/lib/platform/log";
import { readOrCreateSecret } from "@/lib/security/local-secret";
import { migrateDatabase } from "@/tests/support/databases";
import { newSigner, pledgeInput, someClient } from "@/tests/support/pledge-fixtures";
import {
  newVolunteerService,
  someClient as someVolunteerClient,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Everything the embedded mode keeps under DATA_DIR is personal data (the SQLite database, its -wal and
// -shm files, the .eml copies of sent emails) or the keys to it. On a shared machine none of it may be
// readable by other users: every file 0600, every folder 0700, even when the folder and the database
// were left world-readable by an earlier version or by the migration tool.

describe("the embedded mode's files after a sign-up", () => {
  let root: string;
  let dataDir: string;
  let db: DbClient;

  beforeAll(async () => {
    vi.spyOn(logger, "warn").mockImplementation(() => {});
    vi.spyOn(logger, "info").mockImplementation(() => {});
    root = fs.mkdtempSync(path.join(os.tmpdir(), "cui-private-"));
    dataDir = path.join(root, "data");
    // As an earlier version left it: a 0755 folder, and a database the migration tool created 0644.
    fs.mkdirSync(dataDir);
    fs.chmodSync(dataDir, 0o755);
    const url = `file:${path.join(dataDir, "count-us-in.db")}`;
    await migrateDatabase(url);
    fs.chmodSync(path.join(dataDir, "count-us-in.db"), 0o644);

    db = createDbClient(url);
    const secret = readOrCreateSecret({ envName: "APP_SECRET", fromEnv: undefined, embedded: true, dataDir });
    const ring = loadKeyRing({ keysFromEnv: undefined, currentFromEnv: undefined, embedded: true, dataDir });

    await newSigner(db, "sqlite", secret)(pledgeInput(secret, { email: "ailsa@example.org" }), someClient());
    await newVolunteerService(db, secret, ring).register(
      volunteerInput(secret, { email: "morag@example.scot" }),
      someVolunteerClient(),
    );
    await createFileTransport(path.join(dataDir, "outbox"), {
      from: "Count Us In <test@localhost>",
      log: () => {},
    }).send({
      id: crypto.randomUUID(),
      to: "ailsa@example.org",
      subject: "Please confirm your signature",
      text: "Dear Ailsa, …",
      html: "<p>Dear Ailsa, …</p>",
    });
  });

  afterAll(async () => {
    await db?.$disconnect();
    vi.restoreAllMocks();
    fs.rmSync(root, { recursive: true, force: true });
  });

  function everything(folder: string): string[] {
    return fs.readdirSync(folder).flatMap((name) => {
      const full = path.join(folder, name);
      return fs.statSync(full).isDirectory() ? [full, ...everything(full)] : [full];
    });
  }

  it("holds the database, its WAL and shared memory, both keys and the email copies", () => {
    const names = everything(dataDir).map((file) => path.relative(dataDir, file));
    expect(names).toEqual(
      expect.arrayContaining([
        "count-us-in.db",
        "count-us-in.db-wal",
        "count-us-in.db-shm",
        "app_secret.key",
        "volunteer-keys.txt",
        "outbox",
      ]),
    );
    expect(names.some((name) => name.startsWith("outbox/") && name.endsWith(".eml"))).toBe(true);
  });

  it("every file is 0600 and every folder 0700", () => {
    const modes = Object.fromEntries(
      [dataDir, ...everything(dataDir)].map((file) => {
        const stat = fs.statSync(file);
        return [
          path.relative(root, file),
          `${stat.isDirectory() ? "folder" : "file"} ${(stat.mode & 0o777).toString(8)}`,
        ];
      }),
    );
    for (const [file, mode] of Object.entries(modes))
      expect(mode, file).toBe(mode.startsWith("folder") ? "folder 700" : "file 600");
  });
});
