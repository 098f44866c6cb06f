import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";

// The embedded default a developer gets with no settings: no SMTP_URL, so the app's worker (as
// instrumentation.ts starts it) writes each email to DATA_DIR/outbox, where /dev/outbox lists it.
// lib/env reads the environment once, when first imported: everything that imports it is imported
// below, after the settings point at a throwaway folder (each test file runs in its own process).

let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-embedded-"));
  process.env.DATA_DIR = dataDir;
  process.env.DATABASE_URL = `file:${path.join(dataDir, "test.db")}`;
  delete process.env.SMTP_URL;
  const { migrateDatabase } = await import("@/tests/support/databases");
  await migrateDatabase(process.env.DATABASE_URL);
});

afterAll(async () => {
  const { stopOutboxWorker } = await import("@/lib/mail/worker-runtime");
  await stopOutboxWorker();
  const { db } = await import("@/lib/platform/db");
  await db.$disconnect();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("writes an enqueued email to the local outbox as soon as it is notified", async () => {
  const { db } = await import("@/lib/platform/db");
  const { env } = await import("@/lib/platform/env");
  expect(env.DATABASE_URL).toContain(dataDir);
  const { enqueueEmail, notifyOutbox } = await import("@/lib/mail/outbox");
  const { startOutboxWorker } = await import("@/lib/mail/worker-runtime");
  const { listLocalEmails, readLocalEmail } = await import("@/lib/mail/local-outbox");

  const worker = startOutboxWorker();
  expect(startOutboxWorker()).toBe(worker);
  // The team notice: about nobody, rendered at send time to CAMPAIGNS_TEAM_EMAIL.
  const id = await db.$transaction((tx) =>
    enqueueEmail(tx, { kind: "volunteer-team-notification", refId: null }),
  );
  notifyOutbox();

  const deadline = Date.now() + 5_000;
  let listed = await listLocalEmails();
  while (listed.length === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    listed = await listLocalEmails();
  }
  expect(listed).toEqual([
    expect.objectContaining({ subject: "A new volunteer is waiting", to: env.CAMPAIGNS_TEAM_EMAIL }),
  ]);
  expect(listed[0]!.file).toContain(id);
  const read = await readLocalEmail(listed[0]!.file);
  expect(read?.text).toContain(`Open the admin area:\n${new URL("/admin", env.SITE_URL).toString()}`);
  expect(read?.html).toContain("A new volunteer has confirmed their email address.");
  // Only files the transport wrote can be read: no path tricks.
  expect(await readLocalEmail(`../${listed[0]!.file}`)).toBeUndefined();
  expect(fs.existsSync(path.join(dataDir, "outbox", listed[0]!.file))).toBe(true);
  await expect
    .poll(async () => (await db.outboxMessage.findUniqueOrThrow({ where: { id } })).status)
    .toBe("sent");
});
