import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { issueFormToken } from "@/lib/security/form-token";
import { healthBoards } from "@/lib/values/health-boards";
import { helpValues } from "@/lib/values/help-options";
import type { VolunteerFormState } from "@/lib/volunteers/form-state";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  TEAM_EMAIL,
  SITE_URL,
  newKey,
  newSecret,
  tableCounts,
  volunteerFields,
  volunteerForm,
} from "@/tests/support/volunteer-fixtures";

// The volunteer form, posted to its server action as a browser posts it. Whatever is wrong with what was
// sent, the person gets a plain sentence next to each field at fault, what they typed comes back, and
// nothing at all is stored or emailed: no Volunteer row, no OutboxMessage.

// next/headers and redirect work only inside a running Next.js: a redirect here is a thrown marker.
const next = vi.hoisted(() => {
  class Redirected extends Error {
    constructor(readonly url: string) {
      super(`redirect to ${url}`);
    }
  }
  return { Redirected };
});
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/navigation", () => ({
  redirect: (url: string) => {
    throw new next.Redirected(url);
  },
}));

type Action = (previous: VolunteerFormState, form: FormData) => Promise<VolunteerFormState>;

const PHONE = "Enter a UK phone number, like 07911 123456 or 0141 496 0000";
const CONSENT = "To volunteer, tick the box to agree to us holding this information";
const MESSAGES = {
  name: {
    missing: "Enter your full name",
    long: "Your name must be 100 characters or fewer",
    formula: "Your name cannot start with =, +, -, or @",
    url: "Your name cannot contain a web address",
    control: "Your name contains characters we cannot accept",
  },
  email: {
    missing: "Enter your email address",
    long: "Your email address must be 254 characters or fewer",
    format: "Enter an email address in the right format, like name@example.com",
  },
  phone: { format: PHONE, needed: "Enter a phone number, or choose to be contacted by email" },
  healthBoard: { missing: "Select your health board" },
  helpWith: {
    none: "Select at least one way you would like to help",
    unknown: "Select the ways you would like to help from the list",
  },
  note: { long: "Your note must be 1000 characters or fewer" },
  contactBy: { missing: "Select how you would like us to contact you" },
  healthConsent: { missing: CONSENT },
} as const;
/** Every sentence the volunteer form may show next to a field. */
const HUMAN = new Set<string>(Object.values(MESSAGES).flatMap((group) => Object.values(group)));

type Field = keyof typeof MESSAGES;
/**
 * One thing wrong with a submission: what it does to the fields, and the message it must produce.
 * `crossField` faults come from the rule across fields (phone chosen, none given), which zod checks only
 * once every field on its own is valid: alongside other faults, their message may come on the next try.
 */
type Fault = { what: string; set: Record<string, unknown>; field: Field; message: string; crossField?: true };

const fault = (what: string, field: Field, message: string) => (value: unknown) =>
  ({ what, set: { [field]: value }, field, message }) as Fault;

// ---- Generators of bad input ---------------------------------------------------------------------------

const digits = (min: number, max: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(""));
const letter = fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

const badPhone: fc.Arbitrary<Fault> = fc.oneof(
  // Numbers outside the UK (+44 also covers the Channel Islands and the Isle of Man).
  fc
    .tuple(fc.constantFrom("+1", "+33", "+49", "+353", "+61", "+91", "001", "0033"), digits(7, 11))
    .map(([code, rest]) => fault("non-UK phone", "phone", PHONE)(`${code} ${rest}`)),
  fc
    .constantFrom("+1 202 555 0143", "+33 1 23 45 67 89", "+353 1 234 5678", "+49 30 1234567")
    .map(fault("non-UK phone", "phone", PHONE)),
  // A UK mobile with a letter typed in place of a digit.
  fc
    .tuple(fc.integer({ min: 4, max: 9 }), digits(8, 8), fc.integer({ min: 2, max: 10 }), letter)
    .map(([third, rest, at, typo]) => {
      const number = `07${third}${rest}`;
      return fault("letter in phone", "phone", PHONE)(number.slice(0, at) + typo + number.slice(at + 1));
    }),
  fc.string({ unit: letter, minLength: 1, maxLength: 20 }).map(fault("letters for a phone", "phone", PHONE)),
  digits(31, 60).map(fault("phone too long", "phone", PHONE)),
  fc
    .constantFrom("0", "123", "07912", "0791234567890123")
    .map(fault("too few or many digits", "phone", PHONE)),
);

const contactWithoutPhone: fc.Arbitrary<Fault> = fc.constantFrom(undefined, "", "   ").map((phone) => ({
  what: "phone chosen, none given",
  set: { contactBy: "phone", phone },
  field: "phone",
  message: MESSAGES.phone.needed,
  crossField: true,
}));

const badContactBy: fc.Arbitrary<Fault> = fc
  .oneof(fc.constantFrom(undefined, "", "Phone", "post", "sms", "email "), fc.string({ maxLength: 20 }))
  .filter((value) => value !== "email" && value !== "phone")
  .map(fault("contact method", "contactBy", MESSAGES.contactBy.missing));

const boards = new Set<string>(healthBoards);
const badBoard: fc.Arbitrary<Fault> = fc
  .oneof(
    fc.constantFrom(
      undefined,
      "",
      "fife",
      "FIFE",
      "NHS Fife",
      " Fife",
      "Greater Glasgow and Clyde",
      "Ayrshire and Arran",
      "England",
    ),
    fc.string({ maxLength: 40 }),
  )
  .filter((board) => typeof board !== "string" || !boards.has(board))
  .map(fault("health board", "healthBoard", MESSAGES.healthBoard.missing));

const known = new Set<string>(helpValues);
const unknownHelp = fc
  .oneof(
    fc.constantFrom("Media", "MSP", "fundraising", "", " media", "media,msp", "all"),
    fc.string({ maxLength: 20 }),
  )
  .filter((value) => !known.has(value));
const badHelp: fc.Arbitrary<Fault> = fc
  .tuple(
    fc.subarray([...helpValues], { maxLength: 3 }),
    fc.array(unknownHelp, { minLength: 1, maxLength: 2 }),
  )
  .chain(([good, bad]) => fc.shuffledSubarray([...good, ...bad], { minLength: good.length + bad.length }))
  .map(fault("unknown way to help", "helpWith", MESSAGES.helpWith.unknown));

const longNote: fc.Arbitrary<Fault> = fc
  .string({ minLength: 1_000, maxLength: 1_900 })
  .map((middle) => fault("note too long", "note", MESSAGES.note.long)(`N${middle}.`));

const tlds = ["com", "net", "org", "info", "io", "co", "uk", "xyz", "site", "app", "ly", "me"];
const word = fc.string({
  unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz"),
  minLength: 1,
  maxLength: 10,
});
const badName: fc.Arbitrary<Fault> = fc.oneof(
  fc
    .tuple(fc.constantFrom("=", "+", "-", "@"), fc.string({ maxLength: 60 }))
    .map(([start, rest]) => fault("formula name", "name", MESSAGES.name.formula)(`${start}${rest}`)),
  fc
    .constantFrom('=HYPERLINK("http://x")', "=1+1", "+44 7911", "-2+3", "@SUM(A1)")
    .map(fault("formula name", "name", MESSAGES.name.formula)),
  fc
    .tuple(
      fc.constantFrom("Jo", "Morag MacLeod", "Ann"),
      fc.constantFrom("https://", "http://", "www.", ""),
      word,
      fc.constantFrom(...tlds),
    )
    .map(([name, scheme, host, tld]) =>
      fault("web address in name", "name", MESSAGES.name.url)(`${name} ${scheme}${host}.${tld}`),
    ),
  fc.constantFrom(undefined, "", "   ").map(fault("no name", "name", MESSAGES.name.missing)),
  fc
    .string({ unit: letter, minLength: 101, maxLength: 300 })
    .map(fault("name too long", "name", MESSAGES.name.long)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 31 }).filter((c) => ![9, 10, 13].includes(c)),
      fc.constantFrom("Jo", "Morag"),
    )
    .map(([code, name]) =>
      fault(
        "control character in name",
        "name",
        MESSAGES.name.control,
      )(`${name}${String.fromCharCode(code)}Bloggs`),
    ),
);

const badEmail: fc.Arbitrary<Fault> = fc.oneof(
  fc.constantFrom(undefined, "", "  ").map(fault("no email", "email", MESSAGES.email.missing)),
  fc
    .string({ minLength: 1, maxLength: 60 })
    .filter((value) => !value.includes("@") && value.trim() !== "")
    .map(fault("email without @", "email", MESSAGES.email.format)),
  fc
    .constantFrom(
      "jo@",
      "@example.org",
      "jo@@example.org",
      "jo bloggs@example.org",
      "jo@exa mple.org",
      "jo@.org",
      "jo@example.",
      "<jo@example.org>",
      "jo@example.org, ann@example.org",
    )
    .map(fault("malformed email", "email", MESSAGES.email.format)),
  fc
    .tuple(word, word)
    .map(([local, domain]) =>
      fault("email without a domain", "email", MESSAGES.email.format)(`${local}@${domain}`),
    ),
  fc
    .integer({ min: 250, max: 400 })
    .map((n) => fault("email too long", "email", MESSAGES.email.long)(`${"a".repeat(n)}@example.org`)),
);

const noConsent: fc.Arbitrary<Fault> = fc.constant(
  fault("consent not ticked", "healthConsent", CONSENT)(undefined),
);

/** One to all of the ways a submission can be wrong, at most one per field (or pair of fields). */
const badSubmission = fc
  .record(
    {
      name: badName,
      email: badEmail,
      contact: fc.oneof(badPhone, contactWithoutPhone, badContactBy),
      healthBoard: badBoard,
      helpWith: badHelp,
      note: longNote,
      healthConsent: noConsent,
    },
    { requiredKeys: [] },
  )
  .map((faults) => Object.values(faults))
  .filter((faults) => faults.length > 0);

// --------------------------------------------------------------------------------------------------------

const settings = [
  "DATABASE_URL",
  "DATA_DIR",
  "APP_SECRET",
  "VOLUNTEER_KEYS",
  "VOLUNTEER_KEY_ID",
  "SITE_URL",
  "CAMPAIGNS_TEAM_EMAIL",
  "SIGNUPS_PER_IP_PER_MINUTE",
] as const;

describe.each(PROVIDERS)("the volunteer form's server action on %s", (provider) => {
  let database: TestDatabase;
  let dataDir: string;
  let action: Action;
  let appDb: DbClient | undefined;
  const appSecret = newSecret();
  const savedEnv = Object.fromEntries(settings.map((name) => [name, process.env[name]]));
  const blank: VolunteerFormState = {
    attempt: 0,
    fieldErrors: {},
    values: {
      name: "",
      email: "",
      phone: "",
      healthBoard: "",
      helpWith: [],
      note: "",
      contactBy: "",
      healthConsent: false,
    },
  };
  const submit = (fields: Record<string, unknown>) => action(blank, volunteerForm(fields));

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-volunteer-action-"));
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      DATA_DIR: dataDir,
      APP_SECRET: appSecret.toString("base64url"),
      VOLUNTEER_KEYS: `t1:${newKey().toString("base64url")}`,
      VOLUNTEER_KEY_ID: "t1",
      SITE_URL,
      CAMPAIGNS_TEAM_EMAIL: TEAM_EMAIL,
      SIGNUPS_PER_IP_PER_MINUTE: "100000",
    });
    // lib/platform/env.ts and lib/platform/db.ts were already evaluated (the database helpers import them): start afresh, so
    // the action's database is the test database. lib/platform/db.ts keeps its client on globalThis.
    vi.resetModules();
    delete (globalThis as { countUsInDb?: unknown }).countUsInDb;
    ({ volunteerAction: action } = await import("@/app/scotland/volunteer/actions"));
    ({ db: appDb } = await import("@/lib/platform/db"));
  });

  afterAll(async () => {
    await appDb?.$disconnect();
    delete (globalThis as { countUsInDb?: unknown }).countUsInDb;
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    for (const name of settings)
      if (savedEnv[name] === undefined) delete process.env[name];
      else process.env[name] = savedEnv[name];
  });

  it("a complete, consented form is stored and answered with “check your email” (so the checks below can see a store)", async () => {
    await expect(submit(volunteerFields(appSecret, { email: "control@example.org" }))).rejects.toEqual(
      new next.Redirected("/scotland/volunteer/check-email"),
    );
    expect(await tableCounts(database.client)).toEqual({ volunteers: 1, emails: 1 });
    await database.client.outboxMessage.deleteMany();
    await database.client.volunteer.deleteMany();
  });

  it.each([
    ["the honeypot filled in", { website: "https://spam.example" }],
    ["the form sent back at once", { formToken: "now" }],
  ])(
    "a bot (%s) sees the same “check your email” page as a person, and nothing is stored",
    async (_, bot) => {
      const fields = volunteerFields(appSecret, bot);
      if (fields.formToken === "now") fields.formToken = issueFormToken(appSecret);
      await expect(submit(fields)).rejects.toEqual(new next.Redirected("/scotland/volunteer/check-email"));
      expect(await tableCounts(database.client)).toEqual({ volunteers: 0, emails: 0 });
    },
  );

  it("without the consent box ticked: the consent message, what was typed comes back, nothing stored", async () => {
    const fields = volunteerFields(appSecret, { healthConsent: undefined });
    const state = await submit(fields);
    expect(state.fieldErrors).toEqual({ healthConsent: CONSENT });
    expect(state.values).toEqual({
      name: fields.name,
      email: fields.email,
      phone: fields.phone,
      healthBoard: fields.healthBoard,
      helpWith: fields.helpWith,
      note: fields.note,
      contactBy: fields.contactBy,
      healthConsent: false,
    });
    expect(await tableCounts(database.client)).toEqual({ volunteers: 0, emails: 0 });
  });

  it("no way to help ticked (the browser then sends no helpWith at all) gets a plain message", async () => {
    const state = await submit(volunteerFields(appSecret, { helpWith: undefined }));
    expect(state.fieldErrors).toEqual({ helpWith: MESSAGES.helpWith.none });
    expect(await tableCounts(database.client)).toEqual({ volunteers: 0, emails: 0 });
  });

  it.each([
    ["a consent value other than the box's own", { healthConsent: "no" }, "healthConsent", CONSENT],
    [
      "more ways to help than there are options",
      { helpWith: ["media", "media", "msp", "msp", "events", "social"] },
      "helpWith",
      MESSAGES.helpWith.unknown,
    ],
  ])("a tampered form, %s, gets a plain message too", async (_, overrides, field, message) => {
    const state = await submit(volunteerFields(appSecret, overrides));
    expect(state.fieldErrors).toEqual({ [field]: message });
    expect(await tableCounts(database.client)).toEqual({ volunteers: 0, emails: 0 });
  });

  it(
    "every generated bad submission gets plain sentences on the right fields and stores nothing",
    { timeout: 120_000 },
    async () => {
      const started = Date.now();
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(badSubmission, async (faults) => {
          const fields = volunteerFields(appSecret, Object.assign({}, ...faults.map((f) => f.set)));
          for (const f of faults) seen.set(f.what, (seen.get(f.what) ?? 0) + 1);

          const state = await submit(fields);

          const errors = state.fieldErrors as Record<string, string>;
          const possible = Object.fromEntries(faults.map((f) => [f.field, f.message]));
          const certain = faults.filter((f) => !f.crossField || faults.length === 1).map((f) => f.field);
          // Exactly the faulty fields have a message, each the one written for that fault.
          for (const field of certain) expect(errors).toHaveProperty(field);
          for (const [field, message] of Object.entries(errors)) expect(message).toBe(possible[field]);
          for (const message of Object.values(errors)) expect(HUMAN).toContain(message);
          // What was typed comes back, so nobody has to type it all again.
          if (typeof fields.email === "string") expect(state.values.email).toBe(fields.email.slice(0, 2_000));
          expect(await tableCounts(database.client)).toEqual({ volunteers: 0, emails: 0 });
        }),
        { numRuns: 1_000 },
      );
      // Every kind of fault was tried, many times.
      expect(seen.size).toBeGreaterThanOrEqual(20);
      for (const [what, count] of seen) expect(count, what).toBeGreaterThan(10);
      expect(Date.now() - started).toBeLessThan(60_000);
    },
  );
});
