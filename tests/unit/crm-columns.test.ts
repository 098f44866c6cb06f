import { describe, expect, it } from "vitest";
import {
  crmCells,
  crmColumns,
  crmHeaders,
  removeRecord,
  upsertRecord,
  type CrmSignature,
} from "@/lib/admin/export/crm-columns";
import { crmExportQuerySchema, crmSinceMessages } from "@/lib/validation/admin/export-crm";
import { parseFilters } from "@/lib/validation/admin/query";

// The CRM export's header row and the column list staff read on /admin/exports are one list: each column
// is documented, and each row fills exactly the columns its action needs.

const signature: CrmSignature = {
  id: "3b7f9a0e-0000-4000-8000-000000000001",
  name: "Ann Smith",
  email: "ann@example.org",
  nation: "wales",
  country: "GB",
  source: "online",
  partnerCode: null,
  consentVersion: "pledge-2026-11-25",
  consentAt: "2026-11-25T10:00:00.000Z",
  campaignEmails: true,
  campaignEmailsAt: "2026-11-25T10:00:00.000Z",
  createdAt: "2026-11-25T10:00:00.000Z",
  confirmedAt: "2026-11-25T10:05:00.000Z",
  updatedAt: "2026-11-25T10:05:00.000Z",
};

const byHeader = (cells: unknown[]) => Object.fromEntries(crmHeaders.map((header, i) => [header, cells[i]]));

describe("CRM export columns", () => {
  it("documents every column once, in the order of the file", () => {
    expect(new Set(crmHeaders).size).toBe(crmHeaders.length);
    expect(new Set(crmColumns.map((c) => c.key)).size).toBe(crmColumns.length);
    for (const column of crmColumns) expect(column.meaning.length, column.header).toBeGreaterThan(20);
    expect(crmHeaders.slice(0, 2)).toEqual(["Action", "Signature ID"]);
    expect(crmHeaders).toEqual(
      expect.arrayContaining([
        "Full name",
        "Given name",
        "Family name",
        "Name split",
        "Email",
        "Nation",
        "Country",
        "Source",
        "Partner",
        "Paper event",
        "Pledge consent version",
        "Pledge consent at",
        "Campaign emails",
        "Campaign emails since",
        "Campaign emails consent version",
        "Signed at",
        "Confirmed at",
        "Last changed at",
      ]),
    );
  });

  it("fills an online signature's upsert row, splitting a plain two-word name", () => {
    const row = byHeader(crmCells(upsertRecord(signature, {})));
    expect(row).toMatchObject({
      Action: "upsert",
      "Signature ID": signature.id,
      "Removal reason": null,
      "Full name": "Ann Smith",
      "Given name": "Ann",
      "Family name": "Smith",
      "Name split": true,
      Email: "ann@example.org",
      Source: "online",
      "Campaign emails": true,
      "Campaign emails since": signature.campaignEmailsAt,
      "Campaign emails consent version": "pledge-2026-11-25",
      "Pledge consent version": "pledge-2026-11-25",
      "Confirmed at": signature.confirmedAt,
      "Last changed at": signature.updatedAt,
    });
  });

  it("names the partner and the paper event, and keeps a name it cannot split whole", () => {
    const partner = byHeader(
      crmCells(
        upsertRecord(
          { ...signature, name: "Vincent van Gogh", partnerCode: "bcna" },
          { partnerName: "BCNA" },
        ),
      ),
    );
    expect(partner).toMatchObject({
      Source: "partner",
      "Partner code": "bcna",
      Partner: "BCNA",
      "Full name": "Vincent van Gogh",
      "Given name": null,
      "Family name": null,
      "Name split": false,
    });
    const paper = byHeader(
      crmCells(
        upsertRecord(
          { ...signature, source: "paper", email: "" },
          { paperEvent: { name: "Holyrood drop-in", date: "2026-11-20" } },
        ),
      ),
    );
    expect(paper).toMatchObject({
      Source: "paper",
      Email: "",
      "Paper event": "Holyrood drop-in",
      "Paper event date": "2026-11-20",
    });
  });

  it("gives a remove row the ID, the reason and the time, and no personal data", () => {
    const at = new Date("2026-11-30T12:00:00.000Z");
    const cells = crmCells(removeRecord({ signatureId: signature.id, reason: "erased", removedAt: at }));
    const row = byHeader(cells);
    expect(row).toMatchObject({
      Action: "remove",
      "Signature ID": signature.id,
      "Removal reason": "erased",
      "Removed at": at.toISOString(),
      "Last changed at": at.toISOString(),
    });
    const filled = crmHeaders.filter((_, i) => cells[i] !== null);
    expect(filled).toEqual(["Action", "Signature ID", "Removal reason", "Removed at", "Last changed at"]);
  });
});

describe("what a CRM export covers (?since=)", () => {
  const parse = (since?: string) =>
    parseFilters(crmExportQuerySchema("2026-12-01"), since === undefined ? {} : { since });

  it.each(["all", "last", "2026-11-25", "2026-12-01", " 2026-11-25 "])("accepts %j", (since) => {
    expect(parse(since)).toMatchObject({ ok: true, filters: { since: since.trim() } });
  });

  it.each([
    [undefined, crmSinceMessages.missing],
    ["", crmSinceMessages.missing],
    ["25/11/2026", crmSinceMessages.format],
    ["yesterday", crmSinceMessages.format],
    ["2026-02-30", crmSinceMessages.real],
    ["2026-12-02", crmSinceMessages.future],
  ])("refuses %j with a message for the field", (since, message) => {
    expect(parse(since)).toMatchObject({ ok: false, fieldErrors: { since: message } });
  });
});
