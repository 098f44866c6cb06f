import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { localOutboxFolder, parseEml } from "@/lib/mail/local-outbox";
import { createOutboxWorker } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer } from "@/lib/mail/templates";
import { createFileTransport, type MailTransport } from "@/lib/mail/transport";
import type { OutgoingEmail } from "@/lib/mail/types";
import { withdrawSignature } from "@/lib/pledge/manage";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  manageTokenIn,
  newSigner,
  pledgeInput,
  someClient as pledgeClient,
} from "@/tests/support/pledge-fixtures";
import {
  PROVIDERS,
  SITE_URL,
  TEAM_EMAIL,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  rawQuery,
  ringOf,
  someClient,
  spellings,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// The outbox holds no personal data: a copy of the database shows which emails went out and about which
// record, never to whom or what they said. Emails are written from the record at send time, so a person
// who withdraws or is erased before then gets nothing, and the embedded mode's .eml copies of what they
// were sent go with them.

// lib/env reads DATA_DIR once, when first imported: point it at a throwaway folder before any import.
const DATA_DIR = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "cui-mail-personal-"));
  process.env.DATA_DIR = dir;
  return dir;
});

const FROM = "Count Us In <no-reply@count-us-in.test>";

const MORAG = { name: "Morag Outboxless", email: "morag.outboxless@example.org", phone: "07400 246813" };
const EWAN = { name: "Ewan Staysafe", email: "ewan.staysafe@example.org", phone: "07400 135792" };
const JO = { name: "Jo Pledgewright", email: "jo.pledgewright@example.org" };
const PHONES = [
  "07400 246813",
  "07400246813",
  "+447400246813",
  "07400 135792",
  "07400135792",
  "+447400135792",
];
const TRACES = [...spellings([MORAG.name, MORAG.email, EWAN.name, EWAN.email, JO.name, JO.email]), ...PHONES];

afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

describe.each(PROVIDERS)("the outbox holds no personal data on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf("k1", { k1: newKey() });
  const service = () => newVolunteerService(db, secret, ring);
  /** Who each email the worker sent went to, by outbox id. */
  const delivered = new Map<string, string>();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    await db.volunteer.deleteMany();
    await db.signature.deleteMany();
    fs.rmSync(localOutboxFolder(), { recursive: true, force: true });
    delivered.clear();
  });

  /** Every outbox row, every column, read past Prisma: what a copy of the database holds. */
  async function rawOutbox(): Promise<string> {
    return JSON.stringify(await rawQuery(database, `SELECT * FROM "OutboxMessage"`)).toLowerCase();
  }

  function expectNoTraces(text: string, where: string) {
    for (const trace of TRACES) expect(text, `"${trace}" is in ${where}`).not.toContain(trace.toLowerCase());
  }

  /** Runs the app's worker (embedded mode: .eml files under DATA_DIR/outbox) until nothing is due. */
  async function sendEverything(): Promise<void> {
    const files = createFileTransport(localOutboxFolder(), { from: FROM, log: () => {} });
    const transport: MailTransport = {
      async send(message: OutgoingEmail) {
        await files.send(message);
        delivered.set(message.id, message.to);
      },
      close: files.close,
    };
    const render = createTemplateRenderer({ db, secret, ring, siteUrl: SITE_URL, teamEmail: TEAM_EMAIL });
    const worker = createOutboxWorker({ db, transport, render, pollIntervalMs: 50, log: () => {} });
    worker.start();
    await expect
      .poll(() => db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }), {
        timeout: 10_000,
      })
      .toBe(0);
    await worker.stop();
  }

  /** The .eml files written to `address`. */
  async function emlFilesTo(address: string): Promise<string[]> {
    const folder = localOutboxFolder();
    if (!fs.existsSync(folder)) return [];
    const files = fs.readdirSync(folder);
    const to = await Promise.all(
      files.map(async (file) => (await parseEml(fs.readFileSync(path.join(folder, file), "utf8"))).to),
    );
    return files.filter((_, index) => to[index]!.includes(address));
  }

  it("after volunteer sign-ups, repeats and confirmations, queued and sent, no row holds a name, address or phone", async () => {
    await service().register(volunteerInput(secret, { ...MORAG, contactBy: "phone" }), someClient());
    await service().register(volunteerInput(secret, EWAN), someClient());
    await service().register(volunteerInput(secret, { email: MORAG.email }), someClient()); // a repeat
    const { confirmToken } = await confirmationFor(db, EWAN.email);
    expect(await service().confirm(confirmToken)).toBe("confirmed");

    const kinds = (await db.outboxMessage.findMany()).map((row) => row.kind).sort();
    expect(kinds).toEqual([
      "volunteer-confirm",
      "volunteer-confirm",
      "volunteer-repeat",
      "volunteer-team-notification",
      "volunteer-welcome",
    ]);
    expectNoTraces(await rawOutbox(), "the queued outbox rows");

    await sendEverything();
    // They did go out, written from the records: the names are in the emails, not in the table.
    expect([...delivered.values()].sort()).toEqual(
      [MORAG.email, MORAG.email, EWAN.email, TEAM_EMAIL].sort(), // Ewan's confirmation was already used
    );
    expect(
      fs.readFileSync(path.join(localOutboxFolder(), (await emlFilesTo(MORAG.email))[0]!), "utf8"),
    ).toContain(`Dear ${MORAG.name},`);
    expectNoTraces(await rawOutbox(), "the sent outbox rows");
    expect((await db.outboxMessage.findMany()).every((row) => row.params === null)).toBe(true);
  });

  it("after pledge sign-ups and a repeat, no row holds a name or address", async () => {
    const sign = newSigner(db, provider, secret);
    await sign(pledgeInput(secret, { name: JO.name, email: JO.email }), pledgeClient());
    await sign(pledgeInput(secret, { name: JO.name, email: JO.email }), pledgeClient()); // a repeat
    expect((await db.outboxMessage.findMany()).map((row) => row.kind).sort()).toEqual([
      "pledge-confirm",
      "pledge-repeat",
    ]);
    expectNoTraces(await rawOutbox(), "the queued outbox rows");

    await sendEverything();
    expect([...delivered.values()]).toEqual([JO.email, JO.email]);
    expectNoTraces(await rawOutbox(), "the sent outbox rows");
  });

  it("a volunteer who withdraws is sent nothing more, and the .eml copies of what they were sent are deleted", async () => {
    await service().register(volunteerInput(secret, MORAG), someClient());
    await service().register(volunteerInput(secret, EWAN), someClient());
    const { manageToken } = await confirmationFor(db, MORAG.email);
    await sendEverything();
    expect(await emlFilesTo(MORAG.email)).toHaveLength(1);
    const ewansFiles = await emlFilesTo(EWAN.email);
    expect(ewansFiles).toHaveLength(1);

    // Another email to Morag is queued, then she withdraws before the worker gets to it.
    await service().register(volunteerInput(secret, { email: MORAG.email }), someClient());
    expect(await emailsTo(db, MORAG.email)).toHaveLength(1);
    expect(await service().withdrawAndErase(manageToken)).toBe(true);

    expect(await emlFilesTo(MORAG.email)).toEqual([]);
    delivered.clear();
    await sendEverything();
    expect([...delivered.values()]).toEqual([]);
    // Other people's copies stay until their own retention period ends.
    expect(await emlFilesTo(EWAN.email)).toEqual(ewansFiles);
    expectNoTraces(await rawOutbox(), "the outbox rows");
  });

  it("a supporter who withdraws their signature is sent nothing more, and their .eml copies are deleted", async () => {
    const sign = newSigner(db, provider, secret);
    await sign(pledgeInput(secret, { name: JO.name, email: JO.email }), pledgeClient());
    await sendEverything();
    const [file] = await emlFilesTo(JO.email);
    expect(file).toBeDefined();
    const text = (await parseEml(fs.readFileSync(path.join(localOutboxFolder(), file!), "utf8"))).text;

    await sign(pledgeInput(secret, { name: JO.name, email: JO.email }), pledgeClient()); // queued, not sent
    expect(await withdrawSignature(db, secret, manageTokenIn(text))).toBe(true);

    expect(await emlFilesTo(JO.email)).toEqual([]);
    delivered.clear();
    await sendEverything();
    expect([...delivered.values()]).toEqual([]);
    expect(await db.outboxMessage.count({ where: { status: { in: ["pending", "failed"] } } })).toBe(0);
  });
});
