import { it } from "vitest";
import { createTestDatabase } from "@/tests/support/databases";
import { newSecret, newSigner, pledgeInput, someClient, clearPledgeTables } from "@/tests/support/pledge-fixtures";

it("debug", async () => {
  const database = await createTestDatabase("postgresql");
  const db = database.client;
  const secret = newSecret();
  for (let round = 0; round < 8; round++) {
    await clearPledgeTables(db);
    const sign = newSigner(db, "postgresql", secret);
    const input = pledgeInput(secret, { email: "many.times@example.org" });
    await Promise.all(Array.from({ length: 500 }, () => sign(input, someClient())));
    const rows = await db.signature.findMany();
    const kinds = await db.outboxMessage.groupBy({ by: ["kind"], _count: { _all: true } });
    console.log(rows.length, rows[0]?.repeatEmailCount, JSON.stringify(kinds.map((k) => [k.kind, k._count._all])));
  }
  await database.drop();
}, 120_000);
