import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { sealedWith } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { localOutboxFolder, parseEml } from "@/lib/mail/local-outbox";
import { createOutboxWorker } from "@/lib/mail/outbox-worker";
import { createTemplateRenderer } from "@/lib/mail/templates";
import { createFileTransport } from "@/lib/mail/transport";
import { emailKey } from "@/lib/validation/email-key";
import { helpOptions } from "@/lib/values/help-options";
import { openPersonal } from "@/lib/volunteers/sealed-fields";
import { sqliteFilePath } from "@/prisma/database-target";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  SITE_URL,
  TEAM_EMAIL,
  bytesContain,
  clearVolunteerTables,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  rawSealedValues,
  rawVolunteerRows,
  renderedEmails,
  ringOf,
  someClient,
  spellings,
  sqliteFileBytes,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Someone copies the database (a stolen backup, a leaked dump, a curious administrator). Whether a person
// lives with secondary breast cancer is special category data: the copy must not give away who they are.
// Name, email, phone and note are sealed with AES-256-GCM; each sealed value names the key that sealed it.

const KEY_ID = "k2026a";

// Distinctive, so a match anywhere in the raw bytes cannot be a coincidence.
const PERSON = {
  name: "Isobel Quarrington-Fyfe",
  email: "Isobel.Quarrington+volunteer@Example.org",
  phone: "07400 172839",
  note: "Zebrafinch lighthouse: diagnosed in 2019, happy to speak at events in Inverness.",
};
const PHONE_SPELLINGS = ["07400 172839", "07400172839", "+447400172839", "447400172839", "7400172839"];
const GAELIC = {
  name: "Mòrag Nic a' Phì",
  email: "morag.nicaphi@example.scot",
  note: "Tha mi deònach cuideachadh.",
};

/** Every way the person's details could appear in clear. */
const secretsOf = (person: { name: string; email: string; note?: string }) =>
  spellings([person.name, person.email, emailKey(person.email), ...(person.note ? [person.note] : [])]);

// The embedded mode keeps generated keys and the .eml outbox under DATA_DIR; lib/env reads it once, at
// first import, so it is pointed at a throwaway folder before any import.
const DATA_DIR = await vi.hoisted(async () => {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const dir = mkdtempSync(join(tmpdir(), "cui-at-rest-data-"));
  process.env.DATA_DIR = dir;
  return dir;
});
afterAll(() => fs.rmSync(DATA_DIR, { recursive: true, force: true }));

/** Every file under `folder`, recursively. */
function filesUnder(folder: string): string[] {
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(folder, name))
    .filter((file) => fs.statSync(file).isFile());
}

const SEALED = new RegExp(`^v1\\.${KEY_ID}\\.[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{22,}$`);

describe.each(PROVIDERS)("volunteers' details are encrypted at rest on %s", (provider) => {
  // Byte-level scans of the database file exist only for SQLite: on PostgreSQL these tests are not
  // registered at all (rather than reported as skipped), and the raw-row checks cover both.
  const onSqliteFile = (name: string, test: () => Promise<void>) => {
    if (provider === "sqlite") it(name, test);
  };
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf(KEY_ID, { [KEY_ID]: newKey() });

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearVolunteerTables(db));

  async function registerBoth() {
    const service = newVolunteerService(db, secret, ring);
    await service.register(
      volunteerInput(secret, {
        ...PERSON,
        contactBy: "phone",
        healthBoard: "Highland",
        helpWith: ["events", "msp"],
      }),
      someClient(),
    );
    await service.register(volunteerInput(secret, { ...GAELIC, phone: undefined }), someClient());
    expect(await db.volunteer.count()).toBe(2);
    return service;
  }

  it("a raw read of the Volunteer table shows no name, email, phone or note in clear", async () => {
    await registerBoth();

    const rows = await rawVolunteerRows(database);
    expect(rows).toHaveLength(2);
    const everything = rows.join("\n");
    for (const text of [...secretsOf(PERSON), ...PHONE_SPELLINGS, ...secretsOf(GAELIC)]) {
      expect(everything, `"${text}" is stored in clear`).not.toContain(text);
    }
    // What stays in clear is what staff filter on, and not who the person is.
    expect(everything).toContain("Highland");
    expect(everything).toContain("events,msp");
  });

  it("every sealed value names the current key, uses its own IV, and opens to what was typed", async () => {
    await registerBoth();
    const rows = await rawSealedValues(database);
    const values = rows.flatMap((row) => [row.nameSealed, row.emailSealed, row.phoneSealed, row.noteSealed]);
    const present = values.filter((value): value is string => value !== null);
    expect(present).toHaveLength(7); // the second volunteer gave no phone
    for (const value of present) {
      expect(value).toMatch(SEALED);
      expect(sealedWith(value)).toBe(KEY_ID);
    }
    const ivs = present.map((value) => value.split(".")[2]);
    expect(new Set(ivs).size).toBe(ivs.length);

    const opened = (await db.volunteer.findMany()).map((row) => openPersonal(ring, row));
    expect(opened).toEqual(
      expect.arrayContaining([
        { name: PERSON.name, email: PERSON.email, phone: "+447400172839", note: PERSON.note },
        { name: GAELIC.name, email: GAELIC.email, note: GAELIC.note },
      ]),
    );
  });

  it("the same details given twice are sealed to different ciphertexts", async () => {
    const service = newVolunteerService(db, secret, ring);
    await service.register(
      volunteerInput(secret, { name: "Ann Twin", email: "ann.twin@example.org", note: "Same" }),
      someClient(),
    );
    await service.register(
      volunteerInput(secret, { name: "Ann Twin", email: "ann.twin2@example.org", note: "Same" }),
      someClient(),
    );
    const [first, second] = await rawSealedValues(database);
    expect(first!.nameSealed).not.toBe(second!.nameSealed);
    expect(first!.noteSealed).not.toBe(second!.noteSealed);
  });

  it("the email lookup is a keyed hash: it cannot be recomputed from a leaked database alone", async () => {
    await registerBoth();
    const canonical = emailKey(PERSON.email);
    const unkeyed = [
      crypto.createHash("sha256").update(canonical).digest("hex"),
      crypto.createHash("sha256").update(canonical).digest("base64url"),
      crypto.createHash("sha256").update(canonical).digest("base64"),
    ];
    const lookups = (await rawVolunteerRows(database)).map(
      (row) => (JSON.parse(row) as { emailLookup: string }).emailLookup,
    );
    expect(lookups).toHaveLength(2);
    for (const lookup of lookups) {
      expect(lookup).not.toContain("@");
      expect(unkeyed).not.toContain(lookup);
    }
  });

  onSqliteFile("the database file and its write-ahead log hold no phone or note in clear", async () => {
    await registerBoth();
    // No email carries the phone or the note, so these must be absent from every byte on disk, even
    // while the confirmation emails wait in the outbox.
    const bytes = sqliteFileBytes(database);
    for (const text of [...PHONE_SPELLINGS, ...spellings([PERSON.note, GAELIC.note])]) {
      expect(bytesContain(bytes, text), `"${text}" is on disk in clear`).toBe(false);
    }
  });

  onSqliteFile(
    "while confirmation emails wait in the outbox, no byte on disk holds the name or email",
    async () => {
      await registerBoth();
      // The queued emails name a template and a volunteer id; the worker opens the name and address only
      // when it sends. Nothing to compact away first: no clear copy was ever written.
      expect(await db.outboxMessage.count({ where: { status: "pending" } })).toBe(2);
      const bytes = sqliteFileBytes(database);
      expect(bytes.length).toBeGreaterThan(0);
      for (const text of [...secretsOf(PERSON), ...PHONE_SPELLINGS, ...secretsOf(GAELIC)]) {
        expect(bytesContain(bytes, text), `"${text}" is on disk in clear`).toBe(false);
      }
      expect(await db.volunteer.count()).toBe(2);
    },
  );

  it("the team's notification names nobody and says nothing about health", async () => {
    const service = await registerBoth();
    const { confirmToken } = await confirmationFor(db, PERSON.email);
    expect(await service.confirm(confirmToken)).toBe("confirmed");

    const [notification, ...others] = await emailsTo(db, TEAM_EMAIL);
    expect(others).toEqual([]);
    expect(notification!.kind).toBe("volunteer-team-notification");
    const whole = `${notification!.subject}\n${notification!.text}\n${notification!.html}`.toLowerCase();
    const forbidden = [
      ...secretsOf(PERSON),
      ...PHONE_SPELLINGS,
      "isobel",
      "quarrington",
      "highland",
      "inverness",
      ...helpOptions.map((option) => option.label),
      "cancer",
      "secondary",
      "breast",
      "health",
      "diagnos",
      "illness",
    ];
    for (const word of forbidden)
      expect(whole, `the team email mentions "${word}"`).not.toContain(word.toLowerCase());
    // It does tell them where to look.
    expect(notification!.text).toContain("https://count-us-in.example/admin");
  });

  it("no subject line of any volunteer email mentions cancer or health", async () => {
    const service = await registerBoth();
    await service.register(volunteerInput(secret, { email: PERSON.email }), someClient()); // a repeat
    // Rendered as the worker would send them now, while the volunteer is still pending.
    const earlier = await renderedEmails(db);
    const { confirmToken } = await confirmationFor(db, PERSON.email);
    await service.confirm(confirmToken);
    await service.register(volunteerInput(secret, { email: PERSON.email }), someClient()); // a repeat, confirmed

    const rendered = await renderedEmails(db);
    expect(new Set(rendered.map((email) => email.kind))).toEqual(
      new Set(["volunteer-confirm", "volunteer-repeat", "volunteer-welcome", "volunteer-team-notification"]),
    );
    // Both wordings of the repeat: "please confirm" while pending, "already signed up" once confirmed.
    const subjects = [...earlier.map((email) => email.subject), ...rendered.map((email) => email.subject)];
    expect(subjects).toContain("You have already offered to help Count Us In");
    expect(subjects.filter((subject) => subject.startsWith("Please confirm")).length).toBeGreaterThan(1);
    for (const subject of subjects) expect(subject).not.toMatch(/cancer|health|breast|secondary|diagnos/i);
  });

  onSqliteFile(
    "after the volunteer journeys, no byte of the database, its WAL and shm, or DATA_DIR holds their details",
    async () => {
      const service = await registerBoth();
      const leaving = {
        name: "Hamish Departingham",
        email: "hamish.departingham@example.org",
        phone: "07400 918364",
      };
      await service.register(volunteerInput(secret, { ...leaving, contactBy: "phone" }), someClient());
      await service.register(volunteerInput(secret, { email: GAELIC.email }), someClient()); // a repeat
      const { confirmToken } = await confirmationFor(db, PERSON.email);
      const { manageToken } = await confirmationFor(db, leaving.email);
      expect(await service.confirm(confirmToken)).toBe("confirmed");

      // The worker sends everything, as the embedded mode does: .eml files under DATA_DIR/outbox.
      const worker = createOutboxWorker({
        db,
        transport: createFileTransport(localOutboxFolder(), {
          from: "Count Us In <no-reply@test>",
          log: () => {},
        }),
        render: createTemplateRenderer({ db, secret, ring, siteUrl: SITE_URL, teamEmail: TEAM_EMAIL }),
        pollIntervalMs: 50,
        log: () => {},
      });
      worker.start();
      await expect
        .poll(() => db.outboxMessage.count({ where: { status: { in: ["pending", "sending"] } } }), {
          timeout: 10_000,
        })
        .toBe(0);
      await worker.stop();
      // Isobel's confirmation was not sent: she had confirmed already, so there was nothing left to ask.
      const statuses = (await db.outboxMessage.findMany()).map((row) => row.status).sort();
      expect(statuses).toEqual(["cancelled", "sent", "sent", "sent", "sent", "sent"]);
      const emlFiles = () => filesUnder(localOutboxFolder()).filter((file) => file.endsWith(".eml"));
      const filesSentTo = async (address: string) => {
        const files = emlFiles();
        const to = await Promise.all(
          files.map(async (file) => (await parseEml(fs.readFileSync(file, "utf8"))).to),
        );
        return files.filter((_, index) => to[index]!.includes(address));
      };
      expect(await filesSentTo(leaving.email)).toHaveLength(1);

      // One of them withdraws: their record goes, and so does the copy of the email they were sent.
      expect(await service.withdrawAndErase(manageToken)).toBe(true);
      expect(await filesSentTo(leaving.email)).toEqual([]);
      expect(emlFiles()).toHaveLength(4);

      // Everything on disk but the .eml copies of sent emails (kept for the retention period, then deleted):
      // the database file, its write-ahead log and shared memory, and every other file under DATA_DIR.
      const dbFile = sqliteFilePath(database.url);
      const onDisk = [dbFile, `${dbFile}-wal`, `${dbFile}-shm`, ...filesUnder(DATA_DIR)]
        .filter((file) => fs.existsSync(file))
        .filter((file) => !(path.dirname(file) === localOutboxFolder() && file.endsWith(".eml")));
      expect(onDisk).toContain(dbFile);
      const bytes = Buffer.concat(onDisk.map((file) => fs.readFileSync(file)));
      const leavingPhones = ["07400 918364", "07400918364", "+447400918364"];
      for (const text of [
        ...secretsOf(PERSON),
        ...PHONE_SPELLINGS,
        ...secretsOf(GAELIC),
        ...secretsOf(leaving),
        ...leavingPhones,
      ]) {
        expect(bytesContain(bytes, text), `"${text}" is on disk in clear`).toBe(false);
      }
    },
  );
});
