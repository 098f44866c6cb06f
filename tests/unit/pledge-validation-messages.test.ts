import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseWith } from "@/lib/entry/form-input";
import { signPledgeSchema, type SignPledgeField } from "@/lib/validation/pledge";

// What a person sees next to a field when the pledge form has a problem: one plain sentence per field,
// telling them what to do. Never a raw validation message ("Invalid input: expected string…").

/** Every message the pledge form may show, as written for the person filling it in. */
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
]);

const valid = { name: "Jo Bloggs", email: "jo.bloggs@example.org", nation: "england" };

function errorsFor(input: Record<string, unknown>) {
  const parsed = parseWith<typeof signPledgeSchema, SignPledgeField>(signPledgeSchema, input);
  return parsed.ok ? {} : (parsed.fieldErrors as Record<string, string>);
}

describe("pledge form messages", () => {
  it.each([
    ["name", { name: undefined }, "Enter your full name"],
    ["name", { name: "   " }, "Enter your full name"],
    ["name", { name: 42 }, "Enter your full name"],
    ["name", { name: "x".repeat(101) }, "Your name must be 100 characters or fewer"],
    ["name", { name: "=HYPERLINK(1)" }, "Your name cannot start with =, +, -, or @"],
    ["name", { name: "+44 Jo" }, "Your name cannot start with =, +, -, or @"],
    ["name", { name: "-Jo" }, "Your name cannot start with =, +, -, or @"],
    ["name", { name: "@jo" }, "Your name cannot start with =, +, -, or @"],
    ["name", { name: "Jo see cheap-pills.com" }, "Your name cannot contain a web address"],
    ["name", { name: "Jo https://x.example" }, "Your name cannot contain a web address"],
    ["name", { name: "Jo\u0000Bloggs" }, "Your name contains characters we cannot accept"],
    ["email", { email: undefined }, "Enter your email address"],
    ["email", { email: "" }, "Enter your email address"],
    ["email", { email: ["jo@example.org"] }, "Enter your email address"],
    ["email", { email: "jo@" }, "Enter an email address in the right format, like name@example.com"],
    [
      "email",
      { email: "jo at example.org" },
      "Enter an email address in the right format, like name@example.com",
    ],
    ["email", { email: `${"a".repeat(250)}@x.org` }, "Your email address must be 254 characters or fewer"],
    ["nation", { nation: undefined }, "Select where you live"],
    ["nation", { nation: "England" }, "Select where you live"],
    ["nation", { nation: "atlantis" }, "Select where you live"],
    ["nation", { nation: 1 }, "Select where you live"],
    ["country", { nation: "other" }, "Select the country you live in"],
    ["country", { nation: "other", country: "" }, "Select the country you live in"],
    ["country", { nation: "other", country: "GB" }, "Select a country from the list"],
    ["country", { nation: "other", country: "gb" }, "Select a country from the list"],
    ["country", { nation: "other", country: "XX" }, "Select a country from the list"],
  ])("%s: %j → “%s”", (field, overrides, message) => {
    const errors = errorsFor({ ...valid, ...overrides });
    expect(errors[field]).toBe(message);
  });

  it("accepts the form as a browser sends it, and names the UK as GB whatever country came with it", () => {
    expect(signPledgeSchema.parse({ ...valid, campaignEmails: "yes", country: "fr" })).toMatchObject({
      country: "GB",
      campaignEmails: true,
    });
    expect(signPledgeSchema.parse({ ...valid, nation: "other", country: " fr " })).toMatchObject({
      country: "FR",
      campaignEmails: false,
      website: "",
      altcha: "",
    });
    expect(
      signPledgeSchema.parse({ ...valid, name: "  J.R. Smith  ", email: " Jo@Example.org " }),
    ).toMatchObject({
      name: "J.R. Smith",
      email: "Jo@Example.org",
    });
  });

  it.each([
    ["a three-letter country code from a script", { nation: "other", country: "USA" }],
    ["a country name", { nation: "other", country: "France" }],
    ["a country that is not text", { nation: "other", country: 250 }],
  ])("shows a plain sentence for %s", (_case, overrides) => {
    const errors = errorsFor({ ...valid, ...overrides });
    expect(Object.keys(errors).length).toBeGreaterThan(0);
    for (const message of Object.values(errors)) expect(SENTENCES).toContain(message);
  });

  it.each([
    ["campaign emails sent as false (JSON)", { campaignEmails: false }],
    ["campaign emails sent as “no”", { campaignEmails: "no" }],
    ["a country sent by a UK supporter (ignored)", { nation: "wales", country: "USA" }],
    ["a honeypot or challenge solution that is not text", { website: 5, altcha: { x: 1 } }],
    ["a challenge solution far too long to be one", { altcha: "x".repeat(10_000) }],
  ])("accepts %s without an error: such fields never block a person", (_case, overrides) => {
    expect(errorsFor({ ...valid, ...overrides })).toEqual({});
  });

  it("every message shown for any input whatsoever is one of the plain sentences", () => {
    const value = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 8 }),
      fc.constantFrom("england", "other", "GB", "fr", "USA", "yes", "on", "=1", "a@b.co", "x".repeat(600)),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 3 }), { maxLength: 2 }),
      fc.object({ maxDepth: 1 }),
    );
    fc.assert(
      fc.property(
        fc.record(
          {
            name: value,
            email: value,
            nation: value,
            country: value,
            campaignEmails: value,
            website: value,
            altcha: value,
          },
          { requiredKeys: [] },
        ),
        (input) => {
          for (const message of Object.values(errorsFor(input))) expect(SENTENCES).toContain(message);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});
