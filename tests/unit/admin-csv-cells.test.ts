import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseCell } from "@/lib/admin/export/csv-cell";

// A cell a spreadsheet would run as a formula gets a leading apostrophe; every other cell is untouched.

describe("neutraliseCell", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ['=HYPERLINK("https://evil.example","x")', `'=HYPERLINK("https://evil.example","x")`],
    ["+44 7912 345678", "'+44 7912 345678"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ["＝1+1", "'＝1+1"],
  ])("neutralises %j", (value, expected) => {
    expect(neutraliseCell(value)).toBe(expected);
  });

  it.each([
    "Jo Bloggs",
    "",
    " =not at the start",
    "O'Neill",
    "jo@example.org",
    "2026-11-25T10:00:00.000Z",
    "Mòrag",
  ])("leaves %j alone", (value) => {
    expect(neutraliseCell(value)).toBe(value);
  });

  it("never starts its output with a formula character, and only ever adds one apostrophe", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const out = neutraliseCell(value);
        expect(out === value || out === `'${value}`).toBe(true);
        expect(/^[=+\-@\t\r]/.test(out)).toBe(false);
      }),
    );
  });
});
