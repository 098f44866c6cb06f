import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmails } from "@/lib/mail/outbox";
import { confirmSignature } from "@/lib/pledge/confirm";
import { createCountReader } from "@/lib/pledge/counts";
import { deleteStalePaperDrafts, discardPaperDraft } from "@/lib/paper/drafts";
import { readDraft } from "@/lib/paper/draft-contents";
import { MAX_ROWS, MAX_UPLOAD_BYTES } from "@/lib/paper/limits";
import { storePaperDraft } from "@/lib/paper/store";
import { addTypedPaperPledge } from "@/lib/paper/typed";
import { undoPaperBatch } from "@/lib/paper/undo";
import { uploadPaperFile, type UploadOutcome } from "@/lib/paper/upload";
import { readUploadForm, type UploadForm } from "@/lib/paper/upload-request";
import { paperEntrySchema } from "@/lib/paper/schemas";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import {
  PROVIDERS,
  confirmTokenFor,
  newSecret,
  newSigner,
  pledgeInput,
  someClient,
} from "@/tests/support/pledge-fixtures";

// Paper pledges from events (lib/paper/): an upload is checked and previewed without storing anything;
// storing counts every new row in the public total, marked as paper, in one transaction; a mailbox is
// counted once whether it signed online, earlier on paper, or twice in the file; and an upload can be
// undone as a whole. Bad files are refused with a sentence saying why, and leave nothing behind.

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "../fixtures/paper", name));
const STAFF = "campaigner@example.org";
const event = { eventName: "Parliament drop-in", eventDate: "2026-03-14", consentVersion: "paper-2026-01" };

/** The upload form as the route reads it, with this file in it. */
const formWith = (bytes: Uint8Array | string, fields: Record<string, string> = event): UploadForm => ({
  ok: true,
  fields,
  file: { name: "drop-in.csv", bytes: typeof bytes === "string" ? Buffer.from(bytes) : bytes },
});

const batchIdOf = (outcome: UploadOutcome) => {
  if (!outcome.ok) throw new Error(`upload refused: ${JSON.stringify(outcome)}`);
  return outcome.batchId;
};

describe.each(PROVIDERS)("paper pledges on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;
  const secret = newSecret();
  const readCounts = () => createCountReader(db, 0)();

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());
  beforeEach(async () => {
    await db.outboxMessage.deleteMany();
    await db.signature.deleteMany();
    await db.pledgeTotal.deleteMany();
    await db.paperBatch.deleteMany();
    await db.signatureRemoval.deleteMany();
    await db.auditEvent.deleteMany();
  });

  /** Someone signs online and confirms, as on the site. */
  async function signOnline(email: string, nation = "england") {
    await newSigner(db, provider, secret)(pledgeInput(secret, { email, nation }), someClient());
    expect(await confirmSignature(db, secret, await confirmTokenFor(db, email), new Date())).toBe(
      "confirmed",
    );
  }

  async function auditOf(action: string) {
    return db.auditEvent.findMany({ where: { action }, orderBy: { at: "asc" } });
  }

  it("the preview stores nothing and says what each row would become; storing counts them, marked as paper", async () => {
    await signOnline("already.online@example.org");
    const before = await readCounts();
    expect(before.total).toBe(1);

    const batchId = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));

    // Nothing stored yet: one signature (the online one), the same total, a draft waiting.
    expect(await db.signature.count()).toBe(1);
    expect((await readCounts()).total).toBe(1);
    const draft = await db.paperBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(draft).toMatchObject({ status: "draft", kind: "upload", rowCount: 9, createdBy: STAFF });
    const contents = readDraft(draft.draft)!;
    expect(contents.rows.map((row) => [row.row, row.name, row.outcome])).toEqual([
      [2, "Amira Khan", "new"],
      [3, "Bryn Jones", "paper-only"],
      [4, "Catriona Ross", "new"],
      [5, "Dana Silva", "new"],
      [6, "Online Already", "already-signed"],
      [7, "Amira Again", "repeated"],
    ]);
    expect(contents.rows.find((row) => row.name === "Dana Silva")).toMatchObject({
      nation: "other",
      country: "PT",
    });
    expect(contents.problems).toEqual([
      {
        row: 8,
        column: "Email",
        message: "Enter an email address in the right format, like name@example.com",
      },
      { row: 9, column: "Name", message: expect.stringContaining("looks like a spreadsheet formula") },
      { row: 10, column: "Nation", message: expect.stringContaining("England, Scotland, Wales") },
    ]);
    const [uploaded] = await auditOf("paper-upload");
    expect(uploaded).toMatchObject({ actor: STAFF, subject: batchId });
    expect(JSON.parse(uploaded!.detail!)).toEqual({
      rows: 9,
      problems: 3,
      new: 3,
      paperOnly: 1,
      alreadySigned: 1,
      repeated: 1,
    });

    const storedAt = new Date();
    expect(await storePaperDraft(db, batchId, STAFF, storedAt)).toEqual({
      stored: true,
      signatures: 4,
      paperOnly: 1,
      signedSincePreview: 0,
    });
    const after = await readCounts();
    expect(after.total).toBe(5);
    expect(after.byNation).toMatchObject({ england: 2, wales: 1, scotland: 1, other: 1 });
    expect(after.byCountry).toMatchObject({ PT: 1 });

    const paper = await db.signature.findMany({ where: { source: "paper" }, orderBy: { name: "asc" } });
    expect(paper.map((row) => row.name)).toEqual(["Amira Khan", "Bryn Jones", "Catriona Ross", "Dana Silva"]);
    const eventDay = new Date("2026-03-14T00:00:00.000Z");
    for (const row of paper)
      expect(row).toMatchObject({
        status: "confirmed",
        paperBatchId: batchId,
        consentVersion: "paper-2026-01",
        partnerCode: null,
        createdAt: eventDay,
        consentAt: eventDay,
        campaignEmailsAt: eventDay,
        confirmedAt: storedAt,
        confirmedOn: storedAt.toISOString().slice(0, 10),
      });
    // The client's address hash (kept out of ordinary reads) says "paper": there was no network.
    const hashes = await db.signature.findMany({ where: { source: "paper" }, select: { clientHash: true } });
    expect(hashes.map((row) => row.clientHash)).toEqual(["paper", "paper", "paper", "paper"]);
    expect(paper.find((row) => row.name === "Amira Khan")).toMatchObject({ campaignEmails: true });
    expect(paper.find((row) => row.name === "Catriona Ross")).toMatchObject({
      emailKey: "catriona.ross@example.org",
      email: "Catriona.Ross+events@Example.org",
      campaignEmails: false,
    });
    // The paper-only form: counted, with no address and a key of its own.
    const bryn = paper.find((row) => row.name === "Bryn Jones")!;
    expect(bryn.email).toBe("");
    expect(bryn.emailKey).toMatch(/^paper:[0-9a-f-]{36}$/);
    // Paper signatures are never emailed a confirmation.
    expect(await db.outboxMessage.count({ where: { refId: { in: paper.map((row) => row.id) } } })).toBe(0);

    expect(await db.paperBatch.findUniqueOrThrow({ where: { id: batchId } })).toMatchObject({
      status: "stored",
      draft: null,
      storedCount: 4,
      storedAt,
    });
    const [stored] = await auditOf("paper-store");
    expect(JSON.parse(stored!.detail!)).toMatchObject({
      signatures: 4,
      paperOnly: 1,
      alreadySigned: 1,
      repeated: 1,
    });
    // Audit details hold ids and counts, never a name or an address.
    for (const entry of await db.auditEvent.findMany())
      expect(entry.detail ?? "").not.toMatch(/@|Amira|Bryn|Khan/);

    // A second press of "Store" changes nothing.
    expect(await storePaperDraft(db, batchId, STAFF)).toEqual({ stored: false });
    expect((await readCounts()).total).toBe(5);
  });

  it("a mailbox that signs online after the preview is skipped at store time, and the rest are stored", async () => {
    const batchId = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    await signOnline("AMIRA.KHAN@example.org");
    const result = await storePaperDraft(db, batchId, STAFF);
    // Five rows were to be stored (the mailbox "already.online" has not signed in this test): four are.
    expect(result).toMatchObject({ stored: true, signatures: 4, signedSincePreview: 1 });
    expect((await readCounts()).total).toBe(5);
    expect(
      await db.signature.findUniqueOrThrow({ where: { emailKey: "amira.khan@example.org" } }),
    ).toMatchObject({
      source: "online",
    });
  });

  it("undoing a batch removes exactly its signatures, lowers the total, tells CRM exports, and is audited", async () => {
    await signOnline("already.online@example.org");
    const first = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    await storePaperDraft(db, first, STAFF);
    const second = batchIdOf(
      await uploadPaperFile(
        db,
        formWith("Name,Email,Nation,Campaign emails\nEilidh Grant,eilidh@example.org,Scotland,yes\n", {
          ...event,
          eventName: "Holyrood stall",
        }),
        STAFF,
      ),
    );
    await storePaperDraft(db, second, STAFF);
    expect((await readCounts()).total).toBe(6);

    const undone = await db.signature.findMany({ where: { paperBatchId: first }, select: { id: true } });
    const undoneIds = undone.map((row) => row.id).sort();
    // Something queued to one of them (a campaign update, say) must not be sent after the undo.
    await enqueueEmails(db, [{ kind: "pledge-confirm", refId: undoneIds[0]!, params: { issuedAt: "x" } }]);

    expect(await undoPaperBatch(db, first, "admin@example.org")).toEqual({ undone: true, removed: 4 });
    const counts = await readCounts();
    expect(counts.total).toBe(2);
    expect(counts.byNation).toEqual({ england: 1, scotland: 1 });
    expect(await db.signature.count({ where: { paperBatchId: first } })).toBe(0);
    expect(await db.signature.count({ where: { paperBatchId: second } })).toBe(1);
    expect(await db.signature.count({ where: { source: "online" } })).toBe(1);
    const removals = await db.signatureRemoval.findMany({ orderBy: { signatureId: "asc" } });
    expect(removals.map((row) => [row.signatureId, row.reason])).toEqual(
      undoneIds.map((id) => [id, "paper-undone"]),
    );
    expect(await db.outboxMessage.count({ where: { refId: { in: undoneIds } } })).toBe(0);
    expect(await db.paperBatch.findUniqueOrThrow({ where: { id: first } })).toMatchObject({
      status: "undone",
      undoneBy: "admin@example.org",
    });
    const [audited] = await auditOf("paper-undo");
    expect(audited).toMatchObject({ actor: "admin@example.org", subject: first });
    expect(JSON.parse(audited!.detail!)).toEqual({ removed: 4 });

    // Undoing twice changes nothing; a draft cannot be "undone", only discarded.
    expect(await undoPaperBatch(db, first, STAFF)).toEqual({ undone: false });
    expect((await readCounts()).total).toBe(2);
  });

  it("a discarded upload stores nothing and keeps no rows; stale drafts are deleted after a day", async () => {
    const discarded = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    expect(await discardPaperDraft(db, discarded, STAFF)).toBe(true);
    expect(await db.paperBatch.findUniqueOrThrow({ where: { id: discarded } })).toMatchObject({
      status: "discarded",
      draft: null,
    });
    expect(await storePaperDraft(db, discarded, STAFF)).toEqual({ stored: false });
    expect(await db.signature.count()).toBe(0);
    expect(await auditOf("paper-discard")).toHaveLength(1);

    const stale = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    const fresh = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    await db.paperBatch.update({
      where: { id: stale },
      data: { createdAt: new Date(Date.now() - 25 * 3600_000) },
    });
    expect(await deleteStalePaperDrafts(db, new Date())).toBe(1);
    expect(await db.paperBatch.findUnique({ where: { id: stale } })).toBeNull();
    expect(await db.paperBatch.findUnique({ where: { id: fresh } })).not.toBeNull();
    expect(await db.paperBatch.findUnique({ where: { id: discarded } })).not.toBeNull();
  });

  describe("bad files are refused with a message, and nothing is stored", () => {
    async function refusal(form: UploadForm | Promise<UploadForm>): Promise<string> {
      const outcome = await uploadPaperFile(db, await form, STAFF);
      if (outcome.ok) throw new Error("the upload was accepted");
      expect(await db.paperBatch.count()).toBe(0);
      expect(await db.signature.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(0);
      return outcome.message ?? Object.values(outcome.fieldErrors).join(" ");
    }

    it("wrong columns: says which are expected, which are missing and which were found", async () => {
      const message = await refusal(formWith(fixture("wrong-columns.csv")));
      expect(message).toContain("Expected: Name, Email, Nation, Campaign emails");
      expect(message).toContain("Missing: Nation, Campaign emails");
      expect(message).toContain("Found: Name, Email, Where");
    });

    it("a file saved as Latin-1 rather than UTF-8", async () => {
      expect(await refusal(formWith(fixture("latin-1.csv")))).toContain("CSV UTF-8");
    });

    it("an empty file, a file of headings alone, and one with too many rows", async () => {
      expect(await refusal(formWith(""))).toContain("The file is empty");
      expect(await refusal(formWith("Name,Email,Nation,Campaign emails\r\n"))).toContain("no rows");
      const many = [
        "Name,Email,Nation,Campaign emails",
        ...Array.from({ length: MAX_ROWS + 1 }, (_, i) => `P ${i},,England,no`),
      ];
      expect(await refusal(formWith(many.join("\n")))).toContain("at most 10,000");
    });

    it("a file over the size limit, refused from its declared length or while it arrives", async () => {
      const big = new Uint8Array(MAX_UPLOAD_BYTES + 1).fill(0x61);
      const declared = new Request("http://localhost/api/admin/paper/upload", {
        method: "POST",
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          "content-length": String(50 * 1024 * 1024),
        },
        body: "never read",
      });
      expect(await refusal(readUploadForm(declared))).toContain("larger than 2 MB");

      // No Content-Length (chunked): counted as it arrives, and the rest is never read.
      let pulled = 0;
      const fiftyMegabytes = new ReadableStream<Uint8Array>({
        pull(controller) {
          pulled += 1;
          if (pulled > 50 * 16) controller.close();
          else controller.enqueue(new Uint8Array(64 * 1024));
        },
      });
      const streamed = new Request("http://localhost/api/admin/paper/upload", {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body: fiftyMegabytes,
        duplex: "half",
      } as RequestInit);
      expect(await refusal(readUploadForm(streamed))).toContain("larger than 2 MB");
      expect(pulled * 64 * 1024, "stopped soon after the limit").toBeLessThan(MAX_UPLOAD_BYTES + 1024 * 1024);

      // Even handed straight to the parser, an oversize file is refused before it is decoded.
      expect(await refusal(formWith(big))).toContain("larger than 2 MB");
    });

    it("a real multipart upload is read, and a file with formula cells only refuses those rows", async () => {
      const form = new FormData();
      for (const [name, value] of Object.entries(event)) form.set(name, value);
      const csv =
        "Name,Email,Nation,Campaign emails\n@SUM(A1),a@example.org,England,no\n\t-2+3,,England,no\n";
      form.set("file", new Blob([csv], { type: "text/csv" }), "formulas.csv");
      // As browsers send it: a boundary with capitals (WebKit's "----WebKitFormBoundary…"), kept exactly.
      const encoded = new Response(form);
      const boundary = /boundary=(.+)$/.exec(encoded.headers.get("content-type")!)![1]!;
      const browserBoundary = "----WebKitFormBoundaryAbCdEf0123456789";
      const body = (await encoded.text()).replaceAll(boundary, browserBoundary);
      const request = new Request("http://localhost/api/admin/paper/upload", {
        method: "POST",
        headers: { "content-type": `multipart/form-data; boundary=${browserBoundary}` },
        body,
      });
      const outcome = await uploadPaperFile(db, await readUploadForm(request), STAFF);
      const batchId = batchIdOf(outcome);
      const contents = readDraft((await db.paperBatch.findUniqueOrThrow({ where: { id: batchId } })).draft)!;
      expect(contents.rows).toEqual([]);
      expect(contents.problems.map((problem) => [problem.row, problem.column])).toEqual([
        [2, "Name"],
        [3, "Name"],
      ]);
      for (const problem of contents.problems)
        expect(problem.message).toContain("looks like a spreadsheet formula");
      expect(await storePaperDraft(db, batchId, STAFF)).toMatchObject({ stored: true, signatures: 0 });
      expect(await db.signature.count()).toBe(0);
    });

    it("the event's fields are checked like any form", async () => {
      const outcome = await uploadPaperFile(
        db,
        formWith(fixture("mixed.csv"), { eventName: "", eventDate: "14/03/2026", consentVersion: "made-up" }),
        STAFF,
      );
      expect(outcome).toMatchObject({
        ok: false,
        fieldErrors: {
          eventName: "Enter the event's name",
          eventDate: "Enter the day as a date, like 2026-03-14",
          consentVersion: "Select the wording printed on the forms",
        },
      });
      expect(await db.paperBatch.count()).toBe(0);
    });
  });

  it("a store that fails midway leaves nothing: no signatures, the same total, the draft still there", async () => {
    await signOnline("already.online@example.org");
    const batchId = batchIdOf(await uploadPaperFile(db, formWith(fixture("mixed.csv")), STAFF));
    // The database fails on the totals, after the signatures were inserted in the same transaction.
    const failing = new Proxy(db, {
      get(target, key, receiver) {
        if (key !== "$transaction") return Reflect.get(target, key, receiver);
        return (run: (tx: DbClient) => Promise<unknown>, options?: object) =>
          target.$transaction(
            (tx) =>
              run(
                new Proxy(tx, {
                  get(inner, name, innerReceiver) {
                    if (name === "$executeRaw") return () => Promise.reject(new Error("the disk is full"));
                    return Reflect.get(inner, name, innerReceiver);
                  },
                }) as DbClient,
              ),
            options,
          );
      },
    });
    await expect(storePaperDraft(failing, batchId, STAFF)).rejects.toThrow("the disk is full");
    expect(await db.signature.count()).toBe(1);
    expect((await readCounts()).total).toBe(1);
    const batch = await db.paperBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.status).toBe("draft");
    expect(readDraft(batch.draft)!.rows).toHaveLength(6);
    expect(await auditOf("paper-store")).toHaveLength(0);
    // And it can still be stored once the database is well again.
    expect(await storePaperDraft(db, batchId, STAFF)).toMatchObject({ stored: true, signatures: 4 });
  });

  describe("typing one in", () => {
    const entry = (fields: Record<string, string>) =>
      paperEntrySchema.parse({ ...event, nation: "england", campaignEmails: "no", ...fields });

    it("stores at once into the event's typed batch, counts it, and refuses a mailbox that has signed", async () => {
      await signOnline("already.online@example.org");
      const first = await addTypedPaperPledge(
        db,
        entry({ name: "Fran Hill", email: "fran@example.org", campaignEmails: "yes" }),
        STAFF,
      );
      const second = await addTypedPaperPledge(
        db,
        entry({ name: "Gwen Price", email: "", nation: "wales" }),
        STAFF,
      );
      expect(first).toMatchObject({ added: true });
      expect(second).toMatchObject({ added: true, batchId: first.added ? first.batchId : "" });
      expect((await readCounts()).total).toBe(3);
      const batch = await db.paperBatch.findFirstOrThrow({ where: { kind: "typed" } });
      expect(batch).toMatchObject({ status: "stored", rowCount: 2, storedCount: 2, ...event });
      expect(await db.signature.findFirstOrThrow({ where: { name: "Gwen Price" } })).toMatchObject({
        email: "",
        source: "paper",
        paperBatchId: batch.id,
        status: "confirmed",
      });
      expect(await db.signature.findFirstOrThrow({ where: { name: "Fran Hill" } })).toMatchObject({
        campaignEmails: true,
      });

      expect(
        await addTypedPaperPledge(
          db,
          entry({ name: "Someone", email: "Already.Online+x@example.org" }),
          STAFF,
        ),
      ).toEqual({
        added: false,
        reason: "already-signed",
      });
      // Another event's forms go into a batch of their own, and the typed batch is undone as a whole.
      await addTypedPaperPledge(
        db,
        entry({ name: "Hal Reid", email: "", eventName: "Cardiff stall" }),
        STAFF,
      );
      expect(await db.paperBatch.count({ where: { kind: "typed" } })).toBe(2);
      expect((await readCounts()).total).toBe(4);
      expect(await auditOf("paper-add")).toHaveLength(3);

      expect(await undoPaperBatch(db, batch.id, STAFF)).toEqual({ undone: true, removed: 2 });
      expect((await readCounts()).total).toBe(2);
      // After an undo, a form typed in for the same event starts a new batch.
      const again = await addTypedPaperPledge(
        db,
        entry({ name: "Fran Hill", email: "fran@example.org" }),
        STAFF,
      );
      expect(again.added && again.batchId).not.toBe(batch.id);
    });

    it("checks the fields with the online form's rules", () => {
      const result = paperEntrySchema.safeParse({
        ...event,
        name: "=cmd",
        email: "nope",
        nation: "other",
        country: "",
        campaignEmails: "no",
      });
      expect(result.success).toBe(false);
      const messages = Object.fromEntries(
        result.error!.issues.map((issue) => [issue.path[0], issue.message]),
      );
      expect(messages).toMatchObject({
        name: "Your name cannot start with =, +, -, or @",
        email: "Enter an email address in the right format, like name@example.com",
        country: "Select the country they live in",
      });
    });
  });
});
