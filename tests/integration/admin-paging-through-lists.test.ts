import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { recordAudit } from "@/lib/admin/audit/record";
import { createAuditLog } from "@/lib/admin/audit/log";
import type { Page } from "@/lib/admin/records/keyset";
import { createSignatureQueries } from "@/lib/admin/records/signatures";
import { createVolunteerQueries } from "@/lib/admin/records/volunteers";
import {
  PAGE_SIZE,
  auditFiltersSchema,
  signatureFiltersSchema,
  volunteerFiltersSchema,
} from "@/lib/validation/admin/list-filters";
import { filterQuery, parseFilters } from "@/lib/validation/admin/query";
import { emailKey } from "@/lib/validation/email-key";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";
import { sealPersonal } from "@/lib/volunteers/sealed-fields";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS, newKey, newSecret, ringOf } from "@/tests/support/volunteer-fixtures";

// A member of staff pages through the lists with "Next page" and "Previous page": every row appears
// exactly once, in the same order both ways, even when many rows share a timestamp, and the links keep
// the filters. A staff member opening volunteers is written to the audit log.

const BASE = Date.parse("2026-11-01T09:00:00.000Z");

/** Follows the links a page offers, the way a browser would, through the query string. */
async function walk<Row extends { id: string }>(
  list: (query: Record<string, string>) => Promise<Page<Row>>,
  filters: Record<string, string>,
) {
  const forward: Page<Row>[] = [];
  let page = await list(filters);
  forward.push(page);
  expect(page.newer).toBeUndefined();
  while (page.older) {
    const query = Object.fromEntries(new URLSearchParams(filterQuery(filters, { after: page.older })));
    page = await list(query);
    forward.push(page);
  }
  const backward: Page<Row>[] = [page];
  while (page.newer) {
    const query = Object.fromEntries(new URLSearchParams(filterQuery(filters, { before: page.newer })));
    page = await list(query);
    backward.push(page);
  }
  return { forward, backward: backward.reverse() };
}

const ids = (pages: Page<{ id: string }>[]) => pages.flatMap((page) => page.rows.map((row) => row.id));

describe.each(PROVIDERS)("paging through the staff lists on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf("k1", { k1: newKey() });
  const lookup = (email: string) => volunteerEmailLookup(secret, email);

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());

  it("returns every signature exactly once, forward and back, with ties on the time", async () => {
    // 437 rows in runs of 7 sharing a timestamp, so page boundaries fall inside runs.
    const rows = Array.from({ length: 437 }, (_, i) => {
      const email = `page.${i}@example.org`;
      const at = new Date(BASE + Math.floor(i / 7) * 1_000);
      return {
        id: crypto.randomUUID(),
        name: `Person ${i}`,
        email,
        emailKey: emailKey(email),
        nation: i % 2 ? "wales" : "england",
        country: "GB",
        status: i % 3 ? "confirmed" : "pending",
        consentVersion: "v",
        consentAt: at,
        clientHash: "test",
        createdAt: at,
      };
    });
    await db.signature.createMany({ data: rows });
    const queries = createSignatureQueries(db, { provider });
    const list = async (query: Record<string, string>) => {
      const parsed = parseFilters(signatureFiltersSchema, query);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
      return queries.list(parsed.filters);
    };

    const expected = [...rows]
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
    const all = await walk(list, {});
    expect(all.forward).toHaveLength(Math.ceil(437 / PAGE_SIZE));
    expect(all.forward.slice(0, -1).every((page) => page.rows.length === PAGE_SIZE)).toBe(true);
    expect(ids(all.forward)).toHaveLength(437);
    expect(new Set(ids(all.forward)).size).toBe(437);
    // Same order as the database sorts (id order differs between SQLite's and PostgreSQL's collations,
    // so compare the times strictly and the set of ids).
    const times = all.forward.flatMap((page) => page.rows.map((row) => row.createdAt.getTime()));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set(ids(all.forward))).toEqual(new Set(expected));
    expect(ids(all.backward)).toEqual(ids(all.forward));

    const filtered = await walk(list, { nation: "wales", status: "confirmed" });
    const wanted = rows
      .filter((row) => row.nation === "wales" && row.status === "confirmed")
      .map((r) => r.id);
    expect(ids(filtered.forward).sort()).toEqual(wanted.sort());
    expect(ids(filtered.backward)).toEqual(ids(filtered.forward));
  });

  it("a link past the end offers nothing further, and a bad cursor is a message, not a crash", async () => {
    const parsed = parseFilters(signatureFiltersSchema, { after: "0.none" });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const page = await createSignatureQueries(db, { provider }).list(parsed.filters);
    expect(page).toEqual({ rows: [] });
    const bad = parseFilters(signatureFiltersSchema, { after: "'; DROP TABLE" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.fieldErrors.page).toMatch(/page link is not valid/);
  });

  it("pages volunteers opened, and records which ones a staff member saw", async () => {
    const data = Array.from({ length: 73 }, (_, i) => {
      const at = new Date(BASE + Math.floor(i / 4) * 1_000);
      return {
        id: crypto.randomUUID(),
        emailLookup: lookup(`v${i}@example.scot`),
        ...sealPersonal(ring, { name: `Volunteer ${i}`, email: `v${i}@example.scot` }),
        healthBoard: i % 2 ? "Lothian" : "Tayside",
        helpWith: "events",
        contactBy: "email",
        status: "confirmed",
        healthConsentVersion: "v",
        healthConsentAt: at,
        clientHash: "test",
        createdAt: at,
      };
    });
    await db.volunteer.createMany({ data });
    await db.auditEvent.deleteMany();
    const queries = createVolunteerQueries(db, { ring, lookup });
    const list = async (query: Record<string, string>) => {
      const parsed = parseFilters(volunteerFiltersSchema, query);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
      return queries.list(parsed.filters, "campaigner@example.org");
    };
    const { forward } = await walk(list, {});
    expect(new Set(ids(forward)).size).toBe(73);
    const names = forward.flatMap((page) => page.rows.map((row) => row.name));
    expect(names).toContain("Volunteer 42");

    const events = await db.auditEvent.findMany({ where: { action: "view-volunteer" } });
    // Two pages forward, then the first page again on the way back: one event per page shown.
    expect(events).toHaveLength(3);
    const seen = new Set(events.flatMap((event) => JSON.parse(event.detail!).ids as string[]));
    expect([...seen].sort()).toEqual(data.map((d) => d.id).sort());
    expect(events.map((event) => event.detail).join()).not.toContain("Volunteer 42");

    const one = await queries.find(data[5]!.id, "campaigner@example.org");
    expect(one).toMatchObject({ name: "Volunteer 5", email: "v5@example.scot", helpWith: ["events"] });
    expect(await db.auditEvent.count({ where: { action: "view-volunteer", subject: data[5]!.id } })).toBe(1);
  });

  it("pages the audit log newest first, filtered by action", async () => {
    await db.auditEvent.deleteMany();
    for (let i = 0; i < 120; i += 1)
      await recordAudit(db, { actor: `staff${i % 3}@example.org`, action: i % 4 ? "sign-in" : "erase" });
    const log = createAuditLog(db);
    const list = async (query: Record<string, string>) => {
      const parsed = parseFilters(auditFiltersSchema, query);
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
      return log.list(parsed.filters);
    };
    const all = await walk(list, {});
    expect(new Set(ids(all.forward)).size).toBe(120);
    const erases = await walk(list, { action: "erase" });
    expect(ids(erases.forward)).toHaveLength(30);
    expect(erases.forward.every((page) => page.rows.every((row) => row.action === "erase"))).toBe(true);
  });
});
