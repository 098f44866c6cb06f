import { describe, expect, it } from "vitest";
import {
  auditFiltersSchema,
  signatureFiltersSchema,
  volunteerFiltersSchema,
} from "@/lib/validation/admin/list-filters";
import { decodeCursor, encodeCursor } from "@/lib/validation/admin/cursor";
import { erasureSchema } from "@/lib/validation/admin/forms";
import { filterQuery, parseFilters } from "@/lib/validation/admin/query";
import { filtersForAudit } from "@/lib/admin/audit/redact";

// The staff lists' filters come from a query string anyone can edit. Good values become filters; bad
// ones become one clear message per field, never an exception.

describe("admin list filters", () => {
  it("reads a full signature query, ignoring blanks and unknown names", () => {
    const parsed = parseFilters(
      signatureFiltersSchema,
      new URLSearchParams(
        "q=+Jo+&status=confirmed&nation=&country=fr&emails=yes&from=2026-11-01&to=2026-11-30&utm=x",
      ),
    );
    expect(parsed).toMatchObject({
      ok: true,
      filters: {
        q: "Jo",
        status: "confirmed",
        country: "FR",
        emails: "yes",
        from: "2026-11-01",
        to: "2026-11-30",
      },
    });
    if (parsed.ok) expect(parsed.filters.nation).toBeUndefined();
  });

  it("takes the first of repeated values, as Next.js hands them over", () => {
    const parsed = parseFilters(signatureFiltersSchema, { status: ["pending", "confirmed"] });
    expect(parsed).toMatchObject({ ok: true, filters: { status: "pending" } });
  });

  it("says what is wrong with each bad field", () => {
    const parsed = parseFilters(signatureFiltersSchema, {
      status: "deleted",
      nation: "mars",
      country: "XX",
      emails: "maybe",
      from: "2026-02-30",
      to: "yesterday",
      q: "x".repeat(300),
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.fieldErrors).toEqual({
      q: "Search for 254 characters or fewer",
      status: "Choose a status from the list",
      nation: "Choose a nation from the list",
      country: "Choose a country from the list",
      emails: "Choose yes, no or either for campaign emails",
      from: "Enter a real date, like 2026-11-25",
      to: "Enter a date like 2026-11-25",
    });
    // The values as typed go back into the form (cut to a sane length).
    expect(parsed.values.status).toBe("deleted");
    expect(parsed.values.q).toHaveLength(300);
  });

  it("refuses an end date before the start date", () => {
    const parsed = parseFilters(volunteerFiltersSchema, { from: "2026-11-10", to: "2026-11-01" });
    expect(parsed).toMatchObject({
      ok: false,
      fieldErrors: { to: "The end date must be the same as or after the start date" },
    });
  });

  it("finds volunteers by a whole email address only", () => {
    expect(parseFilters(volunteerFiltersSchema, { q: "Morag" })).toMatchObject({
      ok: false,
      fieldErrors: { q: expect.stringMatching(/exact email address only/) },
    });
    expect(
      parseFilters(volunteerFiltersSchema, { q: " morag@example.scot ", healthBoard: "Highland" }),
    ).toMatchObject({
      ok: true,
      filters: { q: "morag@example.scot", healthBoard: "Highland" },
    });
    expect(parseFilters(volunteerFiltersSchema, { healthBoard: "Narnia" })).toMatchObject({ ok: false });
  });

  it("reads page cursors, and reports a bad one as the page's problem", () => {
    const at = new Date("2026-11-25T10:00:00.123Z");
    const token = encodeCursor({ at, id: "3f0c-aa" });
    expect(decodeCursor(token)).toEqual({ at, id: "3f0c-aa" });
    expect(parseFilters(auditFiltersSchema, { after: token, action: "erase" })).toMatchObject({
      ok: true,
      filters: { after: { at, id: "3f0c-aa" }, action: "erase" },
    });
    for (const bad of ["nonsense", "1.a b", "-1.x"]) {
      const parsed = parseFilters(auditFiltersSchema, { before: bad });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(Object.keys(parsed.fieldErrors)).toEqual(["page"]);
    }
    expect(parseFilters(auditFiltersSchema, { after: token, before: token }).ok).toBe(false);
    expect(parseFilters(auditFiltersSchema, { action: "delete-everything" })).toMatchObject({
      ok: false,
      fieldErrors: { action: "Choose an action from the list" },
    });
  });

  it("writes filters back into a query string, with or without a page position", () => {
    const parsed = parseFilters(signatureFiltersSchema, { q: "Jo & Ann", status: "pending", after: "5.abc" });
    if (!parsed.ok) throw new Error("should parse");
    expect(filterQuery(parsed.filters)).toBe("?q=Jo+%26+Ann&status=pending");
    expect(filterQuery(parsed.filters, { before: { at: new Date(9), id: "x" } })).toBe(
      "?q=Jo+%26+Ann&status=pending&before=9.x",
    );
    expect(filterQuery({})).toBe("");
  });

  it("records the kind of search in the audit log, never its words", () => {
    expect(
      filtersForAudit({ q: "jo@example.org", status: "confirmed", after: { at: new Date(1), id: "a" } }),
    ).toEqual({
      search: "by email",
      status: "confirmed",
    });
    expect(filtersForAudit({ q: "Bloggs" })).toEqual({ search: "by name" });
  });

  it("needs at least one record to erase, named by a plain id", () => {
    expect(erasureSchema.safeParse({ signatureId: "", volunteerId: "" }).success).toBe(false);
    expect(erasureSchema.safeParse({ signatureId: "abc-123" }).success).toBe(true);
    expect(erasureSchema.safeParse({ volunteerId: "<script>" }).success).toBe(false);
  });
});
