// What-if: the real createExports/csvStream, with a signature fetcher identical to lib/admin/people/signatures.ts
// except for one redundant bound (createdAt <= cursor.at) beside the keyset OR.
import fs from "node:fs";
import { createDbClient, type DbClient } from "@/lib/db";
import { createExports } from "@/lib/admin/people/exports";
import { readBatches, keysetCondition, sortFor } from "@/lib/admin/people/keyset";
import { signatureKey, signatureWhere, createSignatureQueries } from "@/lib/admin/people/signatures";

const mode = process.argv[2] ?? "patched";
const db: DbClient = createDbClient(process.env.DATABASE_URL!);
const fields = {
  id: true,
  name: true,
  email: true,
  nation: true,
  country: true,
  status: true,
  campaignEmails: true,
  consentVersion: true,
  consentAt: true,
  createdAt: true,
  confirmedAt: true,
} as const;
const real = createSignatureQueries(db, { provider: "sqlite" });
const patched = {
  ...real,
  batches: (filters: any, size: number) =>
    readBatches(
      ({ beyond, take }) => {
        const where: any = signatureWhere(filters, "sqlite");
        if (beyond) {
          const k = keysetCondition(beyond.cursor, beyond.toward);
          const bound = beyond.toward === "older" ? { lte: beyond.cursor.at } : { gte: beyond.cursor.at };
          where.AND = [
            ...where.AND,
            { createdAt: bound },
            { OR: [{ createdAt: k.time }, { createdAt: k.sameTime, id: k.id }] },
          ];
        }
        const order = sortFor(beyond?.toward);
        return db.signature.findMany({
          where,
          orderBy: [{ createdAt: order }, { id: order }],
          take,
          select: fields,
        }) as any;
      },
      signatureKey,
      size,
    ),
};
async function main() {
  await db.signature.findFirst({ select: { id: true } });
  const rssBefore = process.memoryUsage().rss / 2 ** 20;
  const exportsApi = createExports(
    db,
    { signatures: mode === "patched" ? patched : real, volunteers: {} as any },
    { batchSize: Number(process.env.BATCH ?? 5000) },
  );
  const peak: Record<string, number> = {};
  const timer = setInterval(() => {
    for (const [k, v] of Object.entries(process.memoryUsage()))
      peak[k] = Math.max(peak[k] ?? 0, Math.round(v / 2 ** 20));
  }, 50);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const { stream } = exportsApi.signatures({} as any, "whatif@example.org");
  const fd = fs.openSync("/dev/null", "w");
  let bytes = 0;
  let since = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    fs.writeSync(fd, value);
    if ((since += value.byteLength) >= 65536) {
      since = 0;
      await new Promise((r) => setImmediate(r));
    }
  }
  const c = process.cpuUsage(cpu);
  clearInterval(timer);
  console.log(
    JSON.stringify({
      mode,
      seconds: (performance.now() - t) / 1000,
      bytes,
      cpu: (c.user + c.system) / 1e6,
      rssBefore,
      peak,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  await db.$disconnect();
}
void main();
