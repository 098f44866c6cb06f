import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nameParts } from "@/lib/admin/export/name-parts";

// A CRM import wants a given and a family name. The export splits a name only when the split cannot be
// a guess: two plain words in Latin letters. Everything else stays whole, marked as not split.

describe("nameParts", () => {
  it.each([
    ["Ann Smith", "Ann", "Smith"],
    ["Mòrag MacLeod", "Mòrag", "MacLeod"],
    ["Siobhán O'Neill", "Siobhán", "O'Neill"],
    ["Mary-Jane Watson-Clarke", "Mary-Jane", "Watson-Clarke"],
    ["Seán D’Arcy", "Seán", "D’Arcy"],
    ["  Zoë   Brontë ", "Zoë", "Brontë"],
    ["ann smith", "ann", "smith"],
  ])("splits %j into given and family name", (name, given, family) => {
    expect(nameParts(name)).toEqual({ split: true, full: name.trim().replace(/\s+/g, " "), given, family });
  });

  it.each([
    ["one word", "Cher"],
    ["three words", "Mary Ann Smith"],
    ["a particle", "Vincent van Gogh"],
    ["a particle and a family name only", "van Dijk"],
    ["a two-word family name with de", "de Silva"],
    ["a title", "Dr Smith"],
    ["a title with a full stop", "Mrs. Jones"],
    ["an initial", "J Smith"],
    ["an initial with a full stop", "J. Smith"],
    ["a trailing initial", "Ann S"],
    ["digits", "Ann Smith2"],
    ["Chinese, family name first", "王 小明"],
    ["Chinese written without a space", "王小明"],
    ["Cyrillic", "Анна Смирнова"],
    ["Arabic", "ليلى حسن"],
    ["a Latin and a non-Latin word", "Anna Смирнова"],
    ["a hyphen at the edge", "Ann -Smith"],
    ["an apostrophe alone", "Ann '"],
    ["a comma, family name first", "Smith, Ann"],
    ["an erased signature's name", "[erased]"],
    ["nothing", ""],
  ])("keeps %s whole (%j)", (_, name) => {
    const parts = nameParts(name);
    expect(parts.split).toBe(false);
    expect(parts.full).toBe(name.trim().replace(/\s+/g, " "));
  });

  it("never loses a letter: a split name joined with a space is the full name", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const parts = nameParts(name);
        if (parts.split) expect(`${parts.given} ${parts.family}`).toBe(parts.full);
        expect(parts.full).toBe(name.trim().replace(/\s+/g, " "));
      }),
    );
  });
});
