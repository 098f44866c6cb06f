import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sealedWith } from "@/lib/crypto/field-cipher";
import type { DbClient } from "@/lib/db";
import { emailKey } from "@/lib/validation/email-key";
import { helpOptions } from "@/lib/volunteers/help-options";
import { openPersonal } from "@/lib/volunteers/sealed-fields";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  TEAM_EMAIL,
  bytesContain,
  clearVolunteerTables,
  compactSqlite,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  rawSealedValues,
  rawVolunteerRows,
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

  onSqliteFile("once the outbox is emptied, no byte on disk holds the name or email", async () => {
    await registerBoth();
    // The confirmation email legitimately holds the name and address in the outbox until it is sent, so
    // the scan starts once the outbox is empty and its deleted pages are compacted away; what is left is
    // the volunteer table and its indexes, which must hold nothing in clear.
    expect(bytesContain(sqliteFileBytes(database), PERSON.email), "the scan can see the outbox").toBe(true);
    await db.outboxMessage.deleteMany();
    compactSqlite(database);
    const bytes = sqliteFileBytes(database);
    expect(bytes.length).toBeGreaterThan(0);
    for (const text of [...secretsOf(PERSON), ...PHONE_SPELLINGS, ...secretsOf(GAELIC)]) {
      expect(bytesContain(bytes, text), `"${text}" is on disk in clear`).toBe(false);
    }
    expect(await db.volunteer.count()).toBe(2);
  });

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
    const { confirmToken } = await confirmationFor(db, PERSON.email);
    await service.confirm(confirmToken);
    await service.register(volunteerInput(secret, { email: PERSON.email }), someClient()); // a repeat, confirmed

    const emails = await db.outboxMessage.findMany({ select: { kind: true, subject: true } });
    expect(new Set(emails.map((email) => email.kind))).toEqual(
      new Set([
        "volunteer-confirm",
        "volunteer-repeat-pending",
        "volunteer-welcome",
        "volunteer-team-notification",
        "volunteer-repeat-confirmed",
      ]),
    );
    for (const { subject } of emails) expect(subject).not.toMatch(/cancer|health|breast|secondary|diagnos/i);
  });
});
