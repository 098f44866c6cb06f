import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formToObject, parseWith } from "@/lib/entry/form-input";
import { readSmallBody } from "@/lib/entry/read-body";
import { emailOnlySchema, signPledgeSchema } from "@/lib/validation/pledge";
import { volunteerSchema } from "@/lib/validation/volunteer";
import { helpValues } from "@/lib/values/help-options";

// Whatever a script sends (16 KB values, long runs of `a-` or `www`, control characters, lone
// surrogates, numbers and objects where text belongs), a form is accepted or refused with one plain
// sentence per field: never an exception, and never a pattern run on more than a name's worth of text.
// What each input costs is measured by tests/bench/validation-cost.ts, not here.

const KB16 = 16 * 1024;

/** Every message the pledge or volunteer form may show beside a field. */
const SENTENCES = new Set([
  "Enter your full name",
  "Your name must be 100 characters or fewer",
  "Your name cannot start with =, +, -, or @",
  "Your name cannot contain a web address",
  "Your name contains characters we cannot accept",
  "Enter your email address",
  "Your email address must be 254 characters or fewer",
  "Enter an email address in the right format, like name@example.com",
  "Select where you live",
  "Select the country you live in",
  "Select a country from the list",
  "Enter a UK phone number, like 07911 123456 or 0141 496 0000",
  "Enter a phone number, or choose to be contacted by email",
  "Select your health board",
  "Select the ways you would like to help from the list",
  "Select at least one way you would like to help",
  "Write your note as text, or leave it blank",
  "Your note must be 1000 characters or fewer",
  "Select how you would like us to contact you",
  "To volunteer, tick the box to agree to us holding this information",
]);

/** The pieces the old URL pattern choked on, and others that are costly or odd to count or match. */
const piece = fc.constantFrom(
  "a-",
  "a.",
  "a.co",
  "a.com",
  "www",
  "www.",
  "://",
  "-",
  ".",
  "@",
  "a@",
  "=",
  " ",
  "\t",
  "é",
  "🙂",
  "\ud83d", // a lone high surrogate
  "\u200b",
  "\u0000",
  "\u0085",
  "\u001b[0m",
);

/** One piece repeated up to 16 KB, sometimes with a real name around it. */
const hostileText = fc
  .tuple(
    piece,
    fc.integer({ min: 1, max: KB16 }),
    fc.constantFrom("", "Jo ", "=", " "),
    fc.constantFrom("", " Bloggs", ".com", " "),
  )
  .map(([unit, size, before, after]) =>
    `${before}${unit.repeat(Math.ceil(size / unit.length))}${after}`.slice(0, KB16),
  );

const value = fc.oneof(
  { weight: 4, arbitrary: hostileText },
  fc.string({ maxLength: 120, unit: "binary" }),
  fc.constantFrom("england", "other", "fr", "Lothian", "media", "email", "phone", "yes", "07912 345678"),
  fc.constant("x".repeat(KB16)),
  fc.array(hostileText, { maxLength: 30 }),
  fc.anything({ maxDepth: 2 }),
  fc.double(),
  fc.constant(undefined),
);

const pledgeInput = fc.record(
  {
    name: value,
    email: value,
    nation: value,
    country: value,
    campaignEmails: value,
    website: value,
    formToken: value,
    altcha: value,
  },
  { requiredKeys: [] },
);

const volunteerInput = fc.record(
  {
    name: value,
    email: value,
    phone: value,
    healthBoard: value,
    helpWith: value,
    note: value,
    contactBy: value,
    healthConsent: value,
    website: value,
    formToken: value,
  },
  { requiredKeys: [] },
);

/** Accepted, or refused with one of the sentences above for each field the form has. */
function expectPlainAnswer(schema: Parameters<typeof parseWith>[0], input: unknown, fields: string[]) {
  const parsed = parseWith(schema, input);
  if (parsed.ok) return parsed.data as Record<string, unknown>;
  for (const [field, message] of Object.entries(parsed.fieldErrors as Record<string, string>)) {
    expect(fields).toContain(field);
    expect(SENTENCES).toContain(message);
  }
  return undefined;
}

const pledgeFields = ["name", "email", "nation", "country"];
const volunteerFields = [
  "name",
  "email",
  "phone",
  "healthBoard",
  "helpWith",
  "note",
  "contactBy",
  "healthConsent",
];

describe("the worst inputs a script can send", () => {
  it("the pledge: accepted or refused with plain sentences, never an exception", () => {
    fc.assert(
      fc.property(pledgeInput, (input) => {
        const data = expectPlainAnswer(signPledgeSchema, input, pledgeFields);
        if (data) expect([...(data.name as string)].length).toBeLessThanOrEqual(100);
      }),
      { numRuns: 500 },
    );
  });

  it("the volunteer form: accepted or refused with plain sentences, never an exception", () => {
    fc.assert(
      fc.property(volunteerInput, (input) => {
        const data = expectPlainAnswer(volunteerSchema, input, volunteerFields);
        if (data) expect((data.helpWith as string[]).length).toBeLessThanOrEqual(helpValues.length);
      }),
      { numRuns: 500 },
    );
  });

  it("a real sign-up with one hostile field: only that field is refused, with its sentence", () => {
    const valid = { name: "Jo Bloggs", email: "jo@example.org", nation: "england" };
    fc.assert(
      fc.property(fc.constantFrom("name", "email"), hostileText, (field, text) => {
        const parsed = parseWith(signPledgeSchema, { ...valid, [field]: text });
        if (parsed.ok) return;
        expect(Object.keys(parsed.fieldErrors)).toEqual([field]);
        expect(SENTENCES).toContain((parsed.fieldErrors as Record<string, string>)[field]);
      }),
      { numRuns: 300 },
    );
  });

  it("a 16 KB form posted to a server action is read in bounded pieces and answered plainly", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom("name", "email", "note", "helpWith", "x", "$ACTION_1"), hostileText),
          {
            maxLength: 40,
          },
        ),
        fc.integer({ min: 0, max: 1_500 }),
        (entries, padding) => {
          const form = new FormData();
          for (const [name, text] of entries) form.append(name, text);
          for (let i = 0; i < padding; i++) form.append(`f${i}`, "a-a.");
          const input = formToObject(form, ["helpWith"]);
          expect(Object.keys(input).length).toBeLessThanOrEqual(100);
          for (const text of Object.values(input).flat()) expect(text.length).toBeLessThanOrEqual(2_000);
          expectPlainAnswer(volunteerSchema, input, volunteerFields);
          expectPlainAnswer(signPledgeSchema, input, pledgeFields);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("a 16 KB form-encoded body of tiny fields is read only as far as a real form goes", async () => {
    const padding = Array.from({ length: 1_500 }, (_, i) => `f${i}=a-a.`).join("&");
    const body = `name=Jo+Bloggs&email=jo%40example.org&nation=england&${padding}`;
    const read = await readSmallBody(
      new Request("http://localhost/api/pledge", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      }),
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(Object.keys(read.data).length).toBeLessThanOrEqual(100);
    expect(parseWith(signPledgeSchema, read.data).ok).toBe(true);
  });
});

describe("checks stop at the first failure", () => {
  it.each([
    ["16 KB of `a-`", "a-".repeat(KB16 / 2)],
    ["a long web address that starts with =", `=www.${"a".repeat(200)}.com`],
    ["101 characters with a control character", `Jo\u0000${"a".repeat(98)}`],
    ["16 KB of spaces around a name", `${" ".repeat(KB16)}Jo${" ".repeat(KB16)}`],
  ])("%s: one message, about the length", (_case, name) => {
    expect(nameIssues(name).map((issue) => issue.message)).toEqual([
      "Your name must be 100 characters or fewer",
    ]);
  });

  it("a name that breaks several rules shows the first rule's message (the form shows one per field)", () => {
    expect(nameIssues("=www.spam.com\u0000")[0]?.message).toBe("Your name cannot start with =, +, -, or @");
    expect(nameIssues("   ").map((issue) => issue.message)).toEqual(["Enter your full name"]);
  });

  it("an email address over 254 characters is never matched against the email pattern", () => {
    const email = `${"a.".repeat(KB16 / 2)}@example.org`;
    expect(emailOnlySchema.safeParse({ email }).error?.issues.map((issue) => issue.message)).toEqual([
      "Your email address must be 254 characters or fewer",
    ]);
  });

  it("length is counted in characters a person sees, after trimming", () => {
    expect(nameIssues("é🙂".repeat(50))).toEqual([]); // 100 characters, 150 UTF-16 units
    expect(nameIssues(`  ${"a".repeat(100)}  `)).toEqual([]);
    expect(nameIssues("a".repeat(101))).toHaveLength(1);
  });
});

describe("names with a web address", () => {
  it.each([
    "J.R. Smith",
    "Mary-Jane O'Neil",
    "Anne-Marie St. John",
    "Siobhán Ní Bhriain",
    "Dr. Jo Bloggs-Smith",
    "Jo Bloggs Jr.",
    "A. N. Other",
    "Jo Comfort",
    "Mo Ng.",
  ])("%s passes", (name) => {
    expect(nameIssues(name)).toEqual([]);
  });

  it.each([
    "Jo see cheap-pills.com",
    "Jo https://x.example",
    "www.example",
    "Jo WWW.EXAMPLE.ORG",
    "visit shop.co.uk now",
    "jo.me",
    "Jo @ bit.ly/abc",
    "Jo_Bloggs.info",
  ])("%s is refused", (name) => {
    expect(nameIssues(name).map((issue) => issue.message)).toEqual([
      "Your name cannot contain a web address",
    ]);
  });
});

/** The problems found with a name on an otherwise valid pledge. */
function nameIssues(name: string) {
  return signPledgeSchema.safeParse({ name, email: "jo@example.org", nation: "england" }).error?.issues ?? [];
}
