import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbClient } from "@/lib/platform/db";
import { createCountReader } from "@/lib/pledge/counts";
import { MAX_ROWS } from "@/lib/paper/limits";
import { storePaperDraft } from "@/lib/paper/store";
import { undoPaperBatch } from "@/lib/paper/undo";
import { uploadPaperFile } from "@/lib/paper/upload";
import { createTestDatabase, type TestDatabase } from "@/tests/support/databases";
import { PROVIDERS } from "@/tests/support/pledge-fixtures";

// The largest upload we take (MAX_ROWS forms) goes through in one piece on both databases: checked, stored
// in one transaction (in chunks small enough for either database's limit on bound values), and undone.

describe.each(PROVIDERS)("a full-size paper upload on %s", (provider) => {
  let database: TestDatabase;
  let db: DbClient;

  beforeAll(async () => {
    database = await createTestDatabase(provider);
    db = database.client;
  });
  afterAll(() => database?.drop());

  it(`stores and undoes ${MAX_ROWS.toLocaleString("en-GB")} rows`, { timeout: 120_000 }, async () => {
    const lines = ["Name,Email,Nation,Campaign emails"];
    for (let i = 0; i < MAX_ROWS; i++)
      lines.push(i % 2 ? `Person ${i},person.${i}@example.org,Scotland,yes` : `Person ${i},,Wales,no`);
    const outcome = await uploadPaperFile(
      db,
      {
        ok: true,
        fields: { eventName: "Big rally", eventDate: "2026-05-01", consentVersion: "paper-2026-01" },
        file: { name: "rally.csv", bytes: Buffer.from(lines.join("\n")) },
      },
      "staff@example.org",
    );
    if (!outcome.ok) throw new Error(JSON.stringify(outcome));
    expect(await storePaperDraft(db, outcome.batchId, "staff@example.org")).toMatchObject({
      stored: true,
      signatures: MAX_ROWS,
      paperOnly: MAX_ROWS / 2,
    });
    expect(await createCountReader(db, 0)()).toMatchObject({ total: MAX_ROWS });
    expect(await undoPaperBatch(db, outcome.batchId, "staff@example.org")).toEqual({
      undone: true,
      removed: MAX_ROWS,
    });
    expect((await createCountReader(db, 0)()).total).toBe(0);
    expect(await db.signatureRemoval.count()).toBe(MAX_ROWS);
  });
});
