import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { deleteUnconfirmedVolunteers, UNCONFIRMED_VOLUNTEER_DAYS } from "@/lib/volunteers/retention";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  bytesContain,
  clearVolunteerTables,
  compactSqlite,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  rawQuery,
  rawVolunteerRows,
  renderedEmails,
  ringOf,
  someClient,
  spellings,
  sqliteFileBytes,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// Leaving is erasure: the volunteer's record, and with it every personal and health detail, is deleted.
// People who never confirm their email are deleted after 30 days, as the consent text promises.

const DAY_MS = 24 * 60 * 60 * 1000;

describe.each(PROVIDERS)("withdrawing and retention on %s", (provider) => {
  // Byte-level scans of the database file exist only for SQLite: on PostgreSQL these tests are not
  // registered at all (rather than reported as skipped), and the raw-row checks cover both.
  const onSqliteFile = (name: string, test: () => Promise<void>) => {
    if (provider === "sqlite") it(name, test);
  };
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf("k1", { k1: newKey() });
  const service = () => newVolunteerService(db, secret, ring);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(() => clearVolunteerTables(db));

  async function signUp(email: string, confirm = false) {
    await service().register(volunteerInput(secret, { email }), someClient());
    const { confirmToken, manageToken } = await confirmationFor(db, email);
    if (confirm) expect(await service().confirm(confirmToken)).toBe("confirmed");
    const { id } = await db.volunteer.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    return { id, confirmToken, manageToken };
  }

  describe("withdrawing", () => {
    it.each([
      ["pending", false],
      ["confirmed", true],
    ])("a %s volunteer's withdrawal deletes the row: the raw table no longer has it", async (_, confirm) => {
      const leaving = await signUp("leaving@example.org", confirm);
      await signUp("staying@example.org");
      expect(await service().inspectManage(leaving.manageToken)).toBe(true);

      expect(await service().withdrawAndErase(leaving.manageToken)).toBe(true);

      const raw = await rawVolunteerRows(database);
      expect(raw).toHaveLength(1);
      expect(raw.join("\n")).not.toContain(leaving.id);
      const byId = await rawQuery(database, `SELECT "id" FROM "Volunteer" WHERE "id" = '${leaving.id}'`);
      expect(byId).toEqual([]);

      // The link now finds nothing; pressing again is harmless; the other volunteer is untouched.
      expect(await service().inspectManage(leaving.manageToken)).toBe(false);
      expect(await service().withdrawAndErase(leaving.manageToken)).toBe(false);
      expect(await service().confirm(leaving.confirmToken)).toBe("unknown");
      expect(await db.volunteer.count()).toBe(1);
    });

    it("forged, mis-purposed and foreign manage tokens delete nothing", async () => {
      const { id, confirmToken, manageToken } = await signUp("kept@example.org");
      const forged = [
        "",
        "x.y",
        manageToken.slice(0, -2),
        `${manageToken.slice(0, 5)}${manageToken[5] === "A" ? "B" : "A"}${manageToken.slice(6)}`,
        confirmToken, // right volunteer, wrong purpose
        issueLinkToken(secret, "manage", id), // a pledge manage token for the same id
        issueLinkToken(Buffer.alloc(32, 9), "volunteer-manage", id), // signed with another secret
      ];
      for (const token of forged) {
        expect(await service().inspectManage(token), token).toBe(false);
        expect(await service().withdrawAndErase(token), token).toBe(false);
      }
      expect(await db.volunteer.count()).toBe(1);
    });

    it.each([
      ["withdrawal", (manageToken: string) => service().withdrawAndErase(manageToken)],
      ["the 30-day sweep", () => deleteUnconfirmedVolunteers(db, new Date(Date.now() + 31 * DAY_MS))],
    ])("after %s, no email in the outbox still holds the volunteer's name or address", async (_, erase) => {
      // The consent text promises "We then delete your details". Queued (and, once sent, kept) emails
      // hold the name, the address and the fact that this person volunteered.
      await service().register(
        volunteerInput(secret, { name: "Eilidh Erasable", email: "Erase.Me@Example.org" }),
        someClient(),
      );
      // A repeat sign-up queues a second email to them.
      await service().register(volunteerInput(secret, { email: "erase.me+again@example.org" }), someClient());
      await signUp("someone.else@example.org", true); // confirmed: never swept
      const others = async () =>
        (await renderedEmails(db)).filter((email) => email.to !== "Erase.Me@Example.org");
      const othersBefore = await others();
      const { manageToken } = await confirmationFor(db, "Erase.Me@Example.org");
      const theirs = await emailsTo(db, "Erase.Me@Example.org");
      expect(theirs).toHaveLength(2);
      await erase(manageToken);

      expect(await db.volunteer.count()).toBe(1);
      const everything = JSON.stringify(await db.outboxMessage.findMany()).toLowerCase();
      for (const trace of ["erase.me", "eilidh", "erasable"]) expect(everything).not.toContain(trace);
      // Their queued emails are gone, with nothing left to render them from; other people's are untouched.
      expect(await db.outboxMessage.count({ where: { id: { in: theirs.map((email) => email.id) } } })).toBe(
        0,
      );
      expect(await emailsTo(db, "Erase.Me@Example.org")).toEqual([]);
      expect(await others()).toEqual(othersBefore);
    });
  });

  onSqliteFile("after withdrawal, no byte of the database file holds any of their details", async () => {
    const person = {
      name: "Catriona Vanishwell",
      email: "catriona.vanishwell@example.org",
      phone: "07400 918273",
      note: "Quillwort harbour note, please forget me.",
    };
    await service().register(volunteerInput(secret, { ...person, contactBy: "phone" }), someClient());
    const { confirmToken, manageToken } = await confirmationFor(db, person.email);
    expect(await service().confirm(confirmToken)).toBe("confirmed");
    expect(await service().withdrawAndErase(manageToken)).toBe(true);

    // Deleted rows linger in free pages until SQLite reuses them; compact first, as a thief's copy would
    // be after the next VACUUM. What is left must hold nothing of them, in the volunteer table or the outbox.
    compactSqlite(database);
    const bytes = sqliteFileBytes(database);
    const traces = spellings([
      person.name,
      person.email,
      person.note,
      "Vanishwell",
      "+447400918273",
      "07400918273",
    ]);
    for (const text of traces) expect(bytesContain(bytes, text), `"${text}" is still on disk`).toBe(false);
  });

  describe("retention of unconfirmed volunteers", () => {
    it(`pending volunteers older than ${UNCONFIRMED_VOLUNTEER_DAYS} days are deleted; confirmed and recent ones are kept`, async () => {
      const now = new Date();
      const ago = (days: number, ms = 0) => new Date(now.getTime() - days * DAY_MS - ms);
      const stale = await signUp("stale@example.org");
      const justOver = await signUp("just-over@example.org");
      const justUnder = await signUp("just-under@example.org");
      const fresh = await signUp("fresh@example.org");
      const loyal = await signUp("loyal@example.org", true);
      await db.volunteer.update({ where: { id: stale.id }, data: { createdAt: ago(45) } });
      await db.volunteer.update({ where: { id: justOver.id }, data: { createdAt: ago(30, 1_000) } });
      await db.volunteer.update({
        where: { id: justUnder.id },
        data: { createdAt: ago(29, 23 * 60 * 60 * 1000) },
      });
      await db.volunteer.update({ where: { id: loyal.id }, data: { createdAt: ago(400) } });

      expect(await deleteUnconfirmedVolunteers(db, now)).toBe(2);

      const left = (await db.volunteer.findMany()).map((row) => row.id).sort();
      expect(left).toEqual([justUnder.id, fresh.id, loyal.id].sort());
      expect(await rawVolunteerRows(database)).toHaveLength(3);
      expect(await service().inspectManage(stale.manageToken)).toBe(false);
      expect(await service().confirm(stale.confirmToken)).toBe("unknown");

      // Running again finds nothing more to do.
      expect(await deleteUnconfirmedVolunteers(db, now)).toBe(0);
    });

    it("a volunteer who confirms on day 29 is never swept", async () => {
      const { id, confirmToken } = await signUp("late@example.org");
      await db.volunteer.update({ where: { id }, data: { createdAt: new Date(Date.now() - 29 * DAY_MS) } });
      expect(await service().confirm(confirmToken)).toBe("confirmed");

      expect(await deleteUnconfirmedVolunteers(db, new Date(Date.now() + 10 * DAY_MS))).toBe(0);
      expect(await db.volunteer.count()).toBe(1);
    });
  });
});
