import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { REPEAT_EMAILS_PER_DAY } from "@/lib/pledge/repeat-cap";
import { issueFormToken } from "@/lib/security/form-token";
import { volunteerSchema } from "@/lib/validation/volunteer";
import { volunteerConsent } from "@/lib/volunteers/consent";
import { openPersonal } from "@/lib/volunteers/sealed-fields";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  clearVolunteerTables,
  confirmTokenIn,
  confirmationFor,
  emailsTo,
  newKey,
  newSecret,
  newVolunteerService,
  renderedEmails,
  ringOf,
  someClient,
  tableCounts,
  volunteerFields,
  volunteerInput,
} from "@/tests/support/volunteer-fixtures";

// A person offers to volunteer: without the health-data consent nothing is kept; one record per mailbox
// however the address is typed, a repeat answered by email only (at most 3 a day); and anything that
// looks like a bot is dropped without a trace, because a bot has no business leaving health data with us.

const DAY_MS = 24 * 60 * 60 * 1000;
const CONSENT_MESSAGE = "To volunteer, tick the box to agree to us holding this information";

describe.each(PROVIDERS)("offering to volunteer on %s", (provider) => {
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

  describe("consent to holding health data", () => {
    it("an unticked consent box is refused with a plain message", () => {
      const result = volunteerSchema.safeParse(volunteerFields(secret, { healthConsent: undefined }));
      expect(result.success).toBe(false);
      expect(result.error!.issues).toEqual([
        expect.objectContaining({ path: ["healthConsent"], message: CONSENT_MESSAGE }),
      ]);
    });

    it("without consent the service stores nothing and sends nothing", async () => {
      await service().register({ ...volunteerInput(secret), healthConsent: false }, someClient());
      expect(await tableCounts(db)).toEqual({ volunteers: 0, emails: 0 });
    });

    it("with consent, the record says which consent wording was agreed to, and when", async () => {
      const before = Date.now();
      await service().register(volunteerInput(secret), someClient());
      const [row] = await db.volunteer.findMany();
      expect(row).toMatchObject({ status: "pending", healthConsentVersion: volunteerConsent.version });
      expect(row!.healthConsentAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
      expect(row!.healthConsentAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    });
  });

  describe("one record per mailbox", () => {
    it("case, spaces and +tags reach the same mailbox: one record, then “already” emails to the first address", async () => {
      const variants = [
        "Sam.Volunteer@Example.org",
        "  SAM.VOLUNTEER@EXAMPLE.ORG ",
        "sam.volunteer+again@example.org",
        "Sam.Volunteer+Scotland@example.ORG",
      ];
      for (const [i, email] of variants.entries())
        await service().register(volunteerInput(secret, { email, name: `Sam Number ${i}` }), someClient());

      expect(await db.volunteer.count()).toBe(1);
      const [row] = await db.volunteer.findMany();
      // The first sign-up's details stand: a repeat never overwrites them.
      expect(openPersonal(ring, row!)).toMatchObject({
        name: "Sam Number 0",
        email: "Sam.Volunteer@Example.org",
      });

      const emails = await renderedEmails(db);
      expect(emails.map((email) => email.to)).toEqual(Array<string>(4).fill("Sam.Volunteer@Example.org"));
      expect(emails.map((email) => email.kind)).toEqual([
        "volunteer-confirm",
        "volunteer-repeat",
        "volunteer-repeat",
        "volunteer-repeat",
      ]);
      for (const email of emails.slice(1)) {
        expect(email.text).toContain("Dear Sam Number 0,");
        expect(email.text).toContain("Someone offered to volunteer again with this email address.");
      }
    });

    it("a pending volunteer's “already” email carries a fresh confirm link that works", async () => {
      await service().register(volunteerInput(secret, { email: "pending.again@example.org" }), someClient());
      await service().register(volunteerInput(secret, { email: "pending.again@example.org" }), someClient());
      const [, repeat] = await emailsTo(db, "pending.again@example.org");
      const fresh = confirmTokenIn(repeat!.text);
      expect(fresh).toBeDefined();
      expect(await service().confirm(fresh!)).toBe("confirmed");
      expect(await db.volunteer.findFirst()).toMatchObject({ status: "confirmed" });
    });

    it("a confirmed volunteer who signs up again is told so, with no confirm link, and the record is unchanged", async () => {
      await service().register(volunteerInput(secret, { email: "done@example.org" }), someClient());
      expect(await service().confirm((await confirmationFor(db, "done@example.org")).confirmToken)).toBe(
        "confirmed",
      );
      const before = await db.volunteer.findFirstOrThrow();

      await service().register(
        volunteerInput(secret, { email: "Done+2@example.org", name: "Somebody Else", healthBoard: "Fife" }),
        someClient(),
      );

      // Only the repeat-email counters move; the sealed details, board, consent and status stay as they were.
      expect(await db.volunteer.findFirstOrThrow()).toEqual({
        ...before,
        repeatEmailCount: 1,
        repeatWindowStartedAt: expect.any(Date),
      });

      const repeat = (await emailsTo(db, "done@example.org")).at(-1)!;
      expect(repeat.kind).toBe("volunteer-repeat");
      expect(repeat.subject).toBe("You have already offered to help Count Us In");
      expect(repeat.text).not.toContain("Somebody Else");
      expect(confirmTokenIn(repeat.text)).toBeUndefined();
    });

    it(`“already” emails stop after ${REPEAT_EMAILS_PER_DAY} a day, and start again the next day`, async () => {
      for (let i = 0; i < 7; i += 1)
        await service().register(volunteerInput(secret, { email: "daily@example.org" }), someClient());
      expect(await db.volunteer.count()).toBe(1);
      expect(await db.outboxMessage.count()).toBe(1 + REPEAT_EMAILS_PER_DAY);

      await db.volunteer.updateMany({
        data: { repeatWindowStartedAt: new Date(Date.now() - DAY_MS - 1_000) },
      });
      await service().register(volunteerInput(secret, { email: "daily@example.org" }), someClient());
      await service().register(volunteerInput(secret, { email: "daily@example.org" }), someClient());
      expect(await db.outboxMessage.count()).toBe(1 + REPEAT_EMAILS_PER_DAY + 2);
    });

    it(`20 sign-ups with one address at once: one record, one confirmation, at most ${REPEAT_EMAILS_PER_DAY} “already” emails`, async () => {
      const svc = service();
      const input = volunteerInput(secret, { email: "burst@example.org" });
      await Promise.all(Array.from({ length: 20 }, () => svc.register(input, someClient())));

      expect(await db.volunteer.count()).toBe(1);
      const kinds = (await emailsTo(db, "burst@example.org")).map((email) => email.kind);
      expect(kinds.filter((kind) => kind === "volunteer-confirm")).toHaveLength(1);
      const repeats = kinds.filter((kind) => kind === "volunteer-repeat");
      expect(repeats.length).toBeLessThanOrEqual(REPEAT_EMAILS_PER_DAY);
      expect((await db.volunteer.findFirstOrThrow()).repeatEmailCount).toBe(repeats.length);
    });
  });

  describe("suspected abuse without a solved challenge is dropped silently", () => {
    const cases: [string, () => Parameters<ReturnType<typeof service>["register"]>[0]][] = [
      [
        "the hidden honeypot field is filled in",
        () => volunteerInput(secret, { website: "https://spam.example" }),
      ],
      [
        "the form came back faster than a person could fill it in",
        () => volunteerInput(secret, { formToken: issueFormToken(secret) }),
      ],
      ["the form token is blank", () => volunteerInput(secret, { formToken: "" })],
      ["the form token is missing", () => volunteerInput(secret, { formToken: undefined })],
      [
        "the form token was signed with another key",
        () => volunteerInput(secret, { formToken: issueFormToken(Buffer.alloc(32, 7), Date.now() - 5_000) }),
      ],
      ["the form token is garbage", () => volunteerInput(secret, { formToken: "not.a-token" })],
      [
        "the form was shown more than a day ago",
        () => volunteerInput(secret, { formToken: issueFormToken(secret, Date.now() - DAY_MS - 60_000) }),
      ],
      [
        "the form token is from the future",
        () => volunteerInput(secret, { formToken: issueFormToken(secret, Date.now() + 60_000) }),
      ],
    ];

    it.each(cases)("%s: nothing stored, nothing sent", async (_, input) => {
      await service().register(input(), someClient());
      expect(await tableCounts(db)).toEqual({ volunteers: 0, emails: 0 });
      // The same person, filling the form in normally, is stored: the drop above is not an accident.
      await service().register(volunteerInput(secret), someClient());
      expect(await tableCounts(db)).toEqual({ volunteers: 1, emails: 1 });
    });

    it("a browser that solved the challenge is never taken for a bot, however fast the form was filled", async () => {
      // A password manager fills the form in well under the 2 s a person would take.
      const fast = () => volunteerInput(secret, { formToken: issueFormToken(secret) });
      await service().register(fast(), { ...someClient(), solvedChallenge: true });
      expect(await tableCounts(db)).toEqual({ volunteers: 1, emails: 1 });
      await service().register(volunteerInput(secret, { email: "other@example.org", website: "x" }), {
        ...someClient(),
        solvedChallenge: true,
      });
      expect((await tableCounts(db)).volunteers).toBe(1); // the honeypot still stops a bot
    });

    it("a bot using a volunteer's address sends them no “already” email", async () => {
      await service().register(volunteerInput(secret, { email: "target@example.org" }), someClient());
      const svc = service();
      for (let i = 0; i < 3; i += 1) {
        await svc.register(
          volunteerInput(secret, { email: "target@example.org", website: "x" }),
          someClient(),
        );
        await svc.register(
          volunteerInput(secret, { email: "target@example.org", formToken: issueFormToken(secret) }),
          someClient(),
        );
      }
      expect(await tableCounts(db)).toEqual({ volunteers: 1, emails: 1 });
      expect((await db.volunteer.findFirstOrThrow()).repeatEmailCount).toBe(0);
    });

    it("more sign-ups from one address than the per-minute limit are dropped", async () => {
      const svc = newVolunteerService(db, secret, ring, 2);
      const client = { clientAddress: "203.0.113.77" };
      for (let i = 0; i < 5; i += 1)
        await svc.register(volunteerInput(secret, { email: `limit${i}@example.org` }), client);
      expect(await tableCounts(db)).toEqual({ volunteers: 2, emails: 2 });
      // Another address is unaffected.
      await svc.register(volunteerInput(secret, { email: "other@example.org" }), {
        clientAddress: "203.0.113.78",
      });
      expect(await db.volunteer.count()).toBe(3);
    });
  });
});
