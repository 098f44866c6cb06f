import crypto from "node:crypto";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createDriverPages } from "@/lib/admin/export/driver-pages";
import { createCrmExport, NO_EXPORT_YET, type CrmSince } from "@/lib/admin/export/crm-export";
import { crmHeaders } from "@/lib/admin/export/crm-columns";
import { CHANGES_OVERLAP_MS } from "@/lib/admin/export/export-runs";
import { createErasure, ERASED_NAME } from "@/lib/admin/records/erasure";
import { createSignatureQueries } from "@/lib/admin/records/signatures";
import { createVolunteerQueries } from "@/lib/admin/records/volunteers";
import { confirmSignature } from "@/lib/pledge/confirm";
import { stopCampaignEmails, withdrawSignature } from "@/lib/pledge/manage";
import { recordRemovals } from "@/lib/pledge/removals";
import { issueLinkToken } from "@/lib/security/link-tokens";
import { emailKey } from "@/lib/validation/email-key";
import { volunteerEmailLookup } from "@/lib/volunteers/keys";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { newSigner, pledgeInput, someClient } from "@/tests/support/pledge-fixtures";
import { PROVIDERS, newKey, ringOf } from "@/tests/support/volunteer-fixtures";

// The campaigns team keeps supporters in a CRM. A full export gives it everyone on our list; each changes
// export after that gives exactly what changed (new confirmations, unsubscribes) as upserts, and who left
// (withdrawn, erased) as removes, with our signature ID as the key. Pending and held sign-ups never go.
// A download cut short does not count, so the next export covers the same changes again.

const ACTOR = "campaigner@example.org";
const HOUR = 60 * 60 * 1000;
/** Seeded rows last changed well before the exports, outside any overlap. */
const LONG_AGO = new Date(Date.now() - 48 * HOUR);
const CONSENT = "pledge-2026-11-25";

type Row = Record<string, string>;

async function readCsv(stream: ReadableStream<Uint8Array>): Promise<{ header: string[]; rows: Row[] }> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  expect([...bytes.slice(0, 3)], "starts with a byte-order mark").toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes);
  const records: string[][] = parse(text, { bom: true, relax_column_count: false });
  const [header, ...rest] = records;
  return {
    header: header!,
    rows: rest.map((cells) => Object.fromEntries(header!.map((name, i) => [name, cells[i]!]))),
  };
}

function signature(overrides: {
  name: string;
  email: string;
  status?: string;
  nation?: string;
  country?: string;
  campaignEmails?: boolean;
  partnerCode?: string;
  source?: string;
  paperBatchId?: string;
  at?: Date;
}) {
  const at = overrides.at ?? LONG_AGO;
  const status = overrides.status ?? "confirmed";
  return {
    id: crypto.randomUUID(),
    name: overrides.name,
    email: overrides.email,
    emailKey: overrides.email ? emailKey(overrides.email) : `paper:${crypto.randomUUID()}`,
    nation: overrides.nation ?? "england",
    country: overrides.country ?? "GB",
    status,
    campaignEmails: overrides.campaignEmails ?? true,
    campaignEmailsAt: at,
    consentVersion: CONSENT,
    consentAt: at,
    clientHash: "test",
    createdAt: at,
    confirmedAt: status === "confirmed" ? new Date(at.getTime() + 60_000) : null,
    confirmedOn: status === "confirmed" ? at.toISOString().slice(0, 10) : null,
    partnerCode: overrides.partnerCode ?? null,
    source: overrides.source ?? "online",
    paperBatchId: overrides.paperBatchId ?? null,
    updatedAt: at,
  };
}

describe.each(PROVIDERS)("exports for the CRM on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = crypto.randomBytes(32);
  const ring = ringOf("k1", { k1: newKey() });
  const lookup = (email: string) => volunteerEmailLookup(secret, email);

  const crm = (batchSize = 2) =>
    createCrmExport(
      db,
      {
        pages: createDriverPages(database.url),
        partnerName: (code) => (code === "bcna" ? "Breast Cancer Network Australia" : undefined),
      },
      { batchSize },
    );
  const download = async (since: CrmSince, batchSize?: number) => {
    const result = await crm(batchSize).download(since, ACTOR);
    if (!result.ok) throw new Error(result.message);
    return { ...(await readCsv(result.download.stream)), filename: result.download.filename };
  };

  const people = {
    confirmed: signature({ name: "Ann Smith", email: "ann.smith@example.org", nation: "wales" }),
    partner: signature({
      name: "Vincent van Gogh",
      email: "vincent@example.nl",
      nation: "other",
      country: "NL",
      campaignEmails: false,
      partnerCode: "bcna",
    }),
    formula: signature({ name: "=HYPERLINK(1) Evil", email: "formula@example.org" }),
    pending: signature({ name: "Pat Pending", email: "pat@example.org", status: "pending" }),
    held: signature({ name: "Hal Held", email: "hal@example.org", status: "held" }),
    erased: signature({ name: ERASED_NAME, email: "", status: "confirmed" }),
    paper: undefined as unknown as ReturnType<typeof signature>,
  };
  const batchId = crypto.randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
    await db.paperBatch.create({
      data: {
        id: batchId,
        eventName: "Holyrood drop-in",
        eventDate: "2026-11-20",
        consentVersion: "paper-2026-11-20",
        kind: "typed",
        status: "stored",
        createdBy: ACTOR,
        storedAt: LONG_AGO,
      },
    });
    people.paper = signature({
      name: "Mòrag MacLeod",
      email: "",
      nation: "scotland",
      source: "paper",
      paperBatchId: batchId,
      campaignEmails: false,
    });
    await db.signature.createMany({ data: Object.values(people) });
    // The erased person left the list before any export: the CRM never had them.
    await recordRemovals(db, [people.erased.id], "erased", LONG_AGO);
  });
  afterAll(() => database?.drop());

  it("refuses changes since the last export before there has been one", async () => {
    expect(await crm().download("last", ACTOR)).toEqual({ ok: false, message: NO_EXPORT_YET });
    expect(await crm().changesSince()).toBeNull();
  });

  it("exports everyone confirmed with what a CRM import needs, and no one pending, held or erased", async () => {
    const csv = await download("all");
    expect(csv.filename).toMatch(/^crm-full-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(csv.header).toEqual(crmHeaders);
    const byId = new Map(csv.rows.map((row) => [row["Signature ID"], row]));
    expect([...byId.keys()].sort()).toEqual(
      [people.confirmed.id, people.partner.id, people.formula.id, people.paper.id].sort(),
    );
    expect(csv.rows.every((row) => row.Action === "upsert")).toBe(true);
    expect(csv.rows.map((row) => row["Full name"])).not.toContain(ERASED_NAME);

    expect(byId.get(people.confirmed.id)).toEqual({
      Action: "upsert",
      "Signature ID": people.confirmed.id,
      "Removal reason": "",
      "Removed at": "",
      "Full name": "Ann Smith",
      "Given name": "Ann",
      "Family name": "Smith",
      "Name split": "yes",
      Email: "ann.smith@example.org",
      Nation: "wales",
      Country: "GB",
      Source: "online",
      "Partner code": "",
      Partner: "",
      "Paper event": "",
      "Paper event date": "",
      "Pledge consent version": CONSENT,
      "Pledge consent at": LONG_AGO.toISOString(),
      "Campaign emails": "yes",
      "Campaign emails since": LONG_AGO.toISOString(),
      "Campaign emails consent version": CONSENT,
      "Signed at": LONG_AGO.toISOString(),
      "Confirmed at": new Date(LONG_AGO.getTime() + 60_000).toISOString(),
      "Last changed at": LONG_AGO.toISOString(),
    });
    expect(byId.get(people.partner.id)).toMatchObject({
      "Full name": "Vincent van Gogh",
      "Given name": "",
      "Family name": "",
      "Name split": "no",
      Source: "partner",
      "Partner code": "bcna",
      Partner: "Breast Cancer Network Australia",
      Country: "NL",
      "Campaign emails": "no",
    });
    expect(byId.get(people.paper.id)).toMatchObject({
      "Full name": "Mòrag MacLeod",
      "Given name": "Mòrag",
      Email: "",
      Source: "paper",
      "Paper event": "Holyrood drop-in",
      "Paper event date": "2026-11-20",
    });
    expect(byId.get(people.formula.id)!["Full name"], "a formula stays text").toBe("'=HYPERLINK(1) Evil");

    const runs = await db.exportRun.findMany();
    expect(runs).toEqual([
      expect.objectContaining({ kind: "crm-full", actor: ACTOR, since: null, rows: 4, complete: true }),
    ]);
    const events = await db.auditEvent.findMany({ where: { action: "export-crm" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: ACTOR, subject: runs[0]!.id });
    expect(JSON.parse(events[0]!.detail!)).toEqual({
      kind: "crm-full",
      asked: "all",
      since: null,
      upTo: runs[0]!.upTo.toISOString(),
      rows: 4,
      complete: true,
    });
    expect(await crm().changesSince()).toEqual(new Date(runs[0]!.upTo.getTime() - CHANGES_OVERLAP_MS));
  });

  it("then exports exactly what changed: a new confirmation and an unsubscribe as upserts, a withdrawal and an erasure as removes", async () => {
    // A new supporter signs and confirms; another stays pending.
    const sign = newSigner(db, provider, secret);
    await sign(
      pledgeInput(secret, { name: "Nia Jones", email: "nia@example.org", campaignEmails: true }),
      someClient(),
    );
    await sign(pledgeInput(secret, { name: "Still Pending", email: "still@example.org" }), someClient());
    const nia = await db.signature.findUniqueOrThrow({ where: { emailKey: "nia@example.org" } });
    expect(await confirmSignature(db, secret, issueLinkToken(secret, "confirm", nia.id))).toBe("confirmed");
    // Ann stops campaign emails; the partner signer withdraws; the formula signer is erased on request.
    expect(await stopCampaignEmails(db, secret, issueLinkToken(secret, "manage", people.confirmed.id))).toBe(
      true,
    );
    expect(await withdrawSignature(db, secret, issueLinkToken(secret, "manage", people.partner.id))).toBe(
      true,
    );
    const erasure = createErasure(db, {
      signatures: createSignatureQueries(db, { provider }),
      volunteers: createVolunteerQueries(db, { ring, lookup }),
      lookup,
    });
    await erasure.erase({ signatureId: people.formula.id }, "admin@example.org");

    const csv = await download("last");
    expect(csv.filename).toMatch(/^crm-changes-/);
    const summary = csv.rows.map((row) => [row.Action, row["Signature ID"]]).sort();
    expect(summary).toEqual(
      [
        ["upsert", nia.id],
        ["upsert", people.confirmed.id],
        ["remove", people.partner.id],
        ["remove", people.formula.id],
      ].sort(),
    );
    const byId = new Map(csv.rows.map((row) => [row["Signature ID"], row]));
    expect(byId.get(nia.id)).toMatchObject({
      "Full name": "Nia Jones",
      Email: "nia@example.org",
      Source: "online",
      "Campaign emails": "yes",
    });
    const ann = byId.get(people.confirmed.id)!;
    expect(ann["Campaign emails"]).toBe("no");
    expect(Date.parse(ann["Campaign emails since"]!), "when they unsubscribed").toBeGreaterThan(
      LONG_AGO.getTime(),
    );
    expect(Date.parse(ann["Last changed at"]!)).toBeGreaterThan(LONG_AGO.getTime());
    for (const [id, reason] of [
      [people.partner.id, "withdrawn"],
      [people.formula.id, "erased"],
    ] as const) {
      const row = byId.get(id)!;
      expect(row["Removal reason"]).toBe(reason);
      expect(row["Removed at"]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const personal = crmHeaders.filter(
        (h) => !["Action", "Signature ID", "Removal reason", "Removed at", "Last changed at"].includes(h),
      );
      expect(personal.map((h) => row[h]).join(""), "a remove row carries nothing about the person").toBe("");
    }

    const [full, changes] = await db.exportRun.findMany({ orderBy: { createdAt: "asc" } });
    expect(changes).toMatchObject({ kind: "crm-changes", rows: 4, complete: true });
    expect(changes!.since).toEqual(new Date(full!.upTo.getTime() - CHANGES_OVERLAP_MS));
    const detail = JSON.parse(
      (await db.auditEvent.findFirstOrThrow({ where: { action: "export-crm", subject: changes!.id } }))
        .detail!,
    );
    expect(detail).toMatchObject({ kind: "crm-changes", asked: "last", rows: 4, complete: true });
    expect(JSON.stringify(detail)).not.toMatch(/@|Ann|Nia/);
  });

  it("does not move the marker when a download is cut short, so the next export sends the same changes", async () => {
    const before = await crm().changesSince();
    const ann = await db.signature.update({
      where: { id: people.confirmed.id },
      data: { nation: "england" },
      select: { updatedAt: true },
    });
    expect(ann.updatedAt.getTime()).toBeGreaterThan(before!.getTime());
    // Several more changes, so the download is longer than one batch.
    const extra = Array.from({ length: 5 }, (_, i) =>
      signature({ name: `Extra Person${i}`, email: `extra.${i}@example.org`, at: new Date() }),
    );
    await db.signature.createMany({ data: extra });

    const result = await crm(1).download("last", ACTOR);
    if (!result.ok) throw new Error(result.message);
    const reader = result.download.stream.getReader();
    await reader.read();
    await reader.cancel();

    const cut = await db.exportRun.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(cut).toMatchObject({ kind: "crm-changes", complete: false });
    expect(cut.rows).toBeGreaterThan(0);
    expect(cut.rows).toBeLessThan(6);
    const audited = JSON.parse(
      (await db.auditEvent.findFirstOrThrow({ where: { action: "export-crm", subject: cut.id } })).detail!,
    );
    expect(audited).toMatchObject({ complete: false });
    expect(await crm().changesSince(), "the marker stays where the last complete export left it").toEqual(
      before,
    );

    const again = await download("last");
    // The same window again (with the overlap, the last export's changes come once more, harmlessly).
    const retried = await db.exportRun.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(retried).toMatchObject({ since: before, complete: true, rows: again.rows.length });
    expect(again.rows.map((row) => row["Signature ID"])).toEqual(
      expect.arrayContaining([people.confirmed.id, ...extra.map((row) => row.id)]),
    );
  });

  it("exports changes since a chosen day, which only moves the marker when it leaves no gap", async () => {
    const marker = await crm().changesSince();
    const today = new Date().toISOString().slice(0, 10);
    const sinceToday = await download(today);
    // Everything changed today at least: the new confirmation and the removals among them.
    const ids = sinceToday.rows.map((row) => row["Signature ID"]);
    expect(ids).toContain(people.confirmed.id);
    expect(ids).toContain(people.partner.id);
    expect(ids).not.toContain(people.pending.id);
    const run = await db.exportRun.findFirstOrThrow({ orderBy: { createdAt: "desc" } });
    expect(run.since).toEqual(new Date(`${today}T00:00:00.000Z`));

    // A day after the marker leaves the changes in between unsent: it does not count as the last export.
    const later = new Date(Date.now() + 24 * HOUR);
    await db.exportRun.create({
      data: {
        kind: "crm-changes",
        actor: ACTOR,
        since: later,
        upTo: new Date(later.getTime() + HOUR),
        complete: true,
      },
    });
    const now = await crm().changesSince();
    expect(now!.getTime()).toBeGreaterThan(marker!.getTime());
    expect(now!.getTime()).toBeLessThan(later.getTime());
  });

  it("gives a full export after earlier ones remove rows for who left since, so it can stand in for a changes export", async () => {
    const nia = await db.signature.findUniqueOrThrow({ where: { emailKey: "nia@example.org" } });
    expect(await withdrawSignature(db, secret, issueLinkToken(secret, "manage", nia.id))).toBe(true);
    const csv = await download("all");
    const removes = csv.rows.filter((row) => row.Action === "remove").map((row) => row["Signature ID"]);
    expect(removes).toContain(nia.id);
    expect(removes, "left before the first export: the CRM never had them").not.toContain(people.erased.id);
    const upserts = csv.rows.filter((row) => row.Action === "upsert").map((row) => row["Signature ID"]);
    expect(upserts).not.toContain(nia.id);
    expect(upserts).toContain(people.confirmed.id);
    expect(upserts).not.toContain(people.formula.id);
  });
});
