import Database from "better-sqlite3";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/generated/sqlite/client";
import { createSignatureQueries } from "@/lib/admin/people/signatures";
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("select 1"));
const all = proto.all;
proto.all = function (...a: unknown[]) {
  const t = performance.now();
  const r = all.apply(this, a);
  console.log("sqlite all", r.length, (performance.now() - t).toFixed(1), "ms");
  return r;
};
const bind = proto.bind;
proto.bind = function (...a: unknown[]) {
  console.log(
    "bind",
    JSON.stringify(a, (_k, v) => (typeof v === "bigint" ? `${v}n` : v)),
  );
  return bind.apply(this, a);
};
const db = new PrismaClient({
  adapter: new PrismaBetterSqlite3({ url: "file:/tmp/exinv/s.db" }),
  omit: { signature: { clientHash: true } },
});
const q = createSignatureQueries(db as any, { provider: "sqlite" });
async function main() {
  let rows = 0;
  for await (const b of q.batches({} as any, 5000)) {
    rows += b.length;
    if (rows >= 15000) break;
  }
}
void main();
