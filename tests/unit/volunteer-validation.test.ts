import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseWith } from "@/lib/entry/form-input";
import { volunteerSchema, type VolunteerField } from "@/lib/validation/volunteer";
import { healthBoards } from "@/lib/values/health-boards";
import { helpValues } from "@/lib/values/help-options";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";

// What the volunteer form accepts and how it tidies it before sealing: UK numbers in any common layout
// stored one way, notes trimmed, and one email lookup per mailbox.

const valid = {
  name: "Morag MacLeod",
  email: "morag@example.org",
  healthBoard: "Lothian",
  helpWith: ["media"],
  contactBy: "email",
  healthConsent: "yes",
};

const parse = (overrides: Record<string, unknown>) =>
  parseWith<typeof volunteerSchema, VolunteerField>(volunteerSchema, { ...valid, ...overrides });

describe("phone numbers", () => {
  it.each([
    ["07912 345678", "+447912345678"],
    ["07912345678", "+447912345678"],
    ["+44 7912 345678", "+447912345678"],
    ["+44 (0) 7912 345678", "+447912345678"],
    ["0044 7912 345678", "+447912345678"],
    ["0141 496 0000", "+441414960000"],
    ["(0131) 496 0461", "+441314960461"],
    ["01481 712345", "+441481712345"], // Guernsey: reachable as a UK number
  ])("%s is stored as %s", (phone, stored) => {
    const parsed = parse({ phone });
    expect(parsed).toEqual({ ok: true, data: expect.objectContaining({ phone: stored }) });
  });

  it("a blank phone is no phone", () => {
    for (const phone of ["", "   "]) {
      const parsed = parse({ phone });
      expect(parsed.ok && parsed.data.phone).toBeUndefined();
    }
  });

  it("phone chosen as the way to be contacted needs a number", () => {
    expect(parse({ contactBy: "phone" })).toEqual({
      ok: false,
      fieldErrors: { phone: "Enter a phone number, or choose to be contacted by email" },
    });
    expect(parse({ contactBy: "phone", phone: "07912 345678" }).ok).toBe(true);
  });
});

describe("the rest of the form", () => {
  it("a note is trimmed, and a blank note is no note", () => {
    const parsed = parse({ note: "  Happy to help.  " });
    expect(parsed.ok && parsed.data.note).toBe("Happy to help.");
    const blank = parse({ note: "   " });
    expect(blank.ok && blank.data.note).toBeUndefined();
    const exactly = parse({ note: "n".repeat(1_000) });
    expect(exactly.ok).toBe(true);
  });

  it("an empty list of ways to help gets a plain message", () => {
    expect(parse({ helpWith: [] })).toEqual({
      ok: false,
      fieldErrors: { helpWith: "Select at least one way you would like to help" },
    });
  });

  it("the consent box counts as ticked with the values browsers send", () => {
    for (const healthConsent of ["yes", "on", true, "true"]) {
      const parsed = parse({ healthConsent });
      expect(parsed.ok && parsed.data.healthConsent).toBe(true);
    }
  });

  it("every health board and every way to help on the form is accepted", () => {
    for (const healthBoard of healthBoards) expect(parse({ healthBoard }).ok, healthBoard).toBe(true);
    expect(parse({ helpWith: [...helpValues] }).ok).toBe(true);
  });
});

describe("the email lookup", () => {
  const secret = crypto.randomBytes(32);

  it("is the same for every spelling of one mailbox", () => {
    const lookups = new Set(
      ["Morag@Example.org", "  morag@example.org ", "MORAG+volunteer@EXAMPLE.ORG", "morag+x@example.org"].map(
        (email) => volunteerEmailLookup(secret, email),
      ),
    );
    expect(lookups.size).toBe(1);
  });

  it("differs between mailboxes and between secrets, and never shows the address", () => {
    const lookup = volunteerEmailLookup(secret, "morag@example.org");
    expect(volunteerEmailLookup(secret, "morag2@example.org")).not.toBe(lookup);
    expect(volunteerEmailLookup(crypto.randomBytes(32), "morag@example.org")).not.toBe(lookup);
    expect(lookup).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});
