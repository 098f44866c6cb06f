import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { createSignatureQueries } from "@/lib/admin/people/signatures";
const db = new PrismaClient({
  adapter: new PrismaBetterSqlite3({ url: "file:/tmp/exinv/s.db" }),
  log: [{ emit: "event", level: "query" }],
  omit: { signature: { clientHash: true } },
});
let n = 0;
(db as any).$on("query", (e: any) => {
  if (n++ < 3) console.log(e.query, e.params, e.duration + "ms");
  else if (n % 20 === 0) console.log("batch", n, e.duration + "ms");
});
const q = createSignatureQueries(db as any, { provider: "sqlite" });
async function main() {
  let rows = 0;
  const t = performance.now();
  for await (const b of q.batches({} as any, 5000)) {
    rows += b.length;
    if (rows >= 15000) break;
  }
  console.log(rows, (performance.now() - t) / 1000);
}
void main();
