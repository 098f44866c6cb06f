// What reading the public count costs as the pledge grows: lib/pledge/counts.ts (running totals,
// lib/pledge/totals.ts) at 1,000 confirmed signatures and at 10,000,000, beside the old way (two GROUP BY
// queries over Signature, as lib/pledge/counts.ts did before the running totals) at the same sizes.
//
//   npx tsx --conditions=react-server tests/bench/count-at-scale.ts
//   COUNT_SIZES=1000,100000 npx tsx --conditions=react-server tests/bench/count-at-scale.ts   (a quick look)
//
// A fresh SQLite file migrated with the project's migrations (`npm run db:deploy`). Signatures are written
// straight with better-sqlite3 (INSERT … SELECT from a recursive CTE, one transaction per million rows,
// synchronous=OFF: setup, not the thing measured), confirmed, spread over 365 days, 4 UK nations and
// "other" across 30 countries; after each chunk the PledgeTotal rows are moved as lib/pledge/totals.ts
// moves them (one upsert per nation, country and day), and checked against the rows at every size. Then,
// through the app's own Prisma client (lib/platform/db.ts createDbClient), COUNT_READS (2,000) sequential reads of
// createCountReader(db, 0) (no cache: every read is a countNow), and the old way COUNT_OLD_READS times
// (2,000 while small; fewer once each read takes seconds). Prints a table and one JSON line.
//
// Knobs: COUNT_SIZES (1000,120000,1000000,10000000), COUNT_READS (2000), COUNT_OLD_READS (2000),
// COUNT_OLD_SECONDS (budget per size for the old way, 20 s: fewer reads when each is slow),
// COUNT_CHUNK (1,000,000 rows per transaction), BENCH_KEEP=1 (keep the database file).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const list = (name: string, fallback: number[]) =>
  process.env[name] ? process.env[name]!.split(",").map((s) => Number(s.replace(/_/g, ""))) : fallback;
const num = (name: string, fallback: number) => Number(process.env[name] || fallback);

const SIZES = list("COUNT_SIZES", [1_000, 120_000, 1_000_000, 10_000_000]).sort((a, b) => a - b);
const READS = num("COUNT_READS", 2_000);
const OLD_READS = num("COUNT_OLD_READS", 2_000);
const OLD_SECONDS = num("COUNT_OLD_SECONDS", 20);
const CHUNK = num("COUNT_CHUNK", 1_000_000);
const DAYS = 365;
// 30 countries for "other" (ISO 3166-1 alpha-2, two characters each, read with substr()).
const COUNTRIES = "IEFRUSAUDEESCANZITNLBEPTSEDKNOPLCHATGRZAINJPBRMXCZKENGSGHKIL";
const COUNTRY_COUNT = COUNTRIES.length / 2;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cui-count-"));
const file = path.join(dir, "count.db");
const url = `file:${file}`;
process.env.DATABASE_URL = url;
process.env.DATA_DIR = path.join(dir, "data");
process.on("exit", () => {
  if (process.env.BENCH_KEEP !== "1") fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * Signatures n = from .. to-1, all confirmed. 60% England, 10% each Scotland, Wales and Northern Ireland
 * (n mod 10), 10% elsewhere across 30 countries ((n div 10) mod 30), confirmed on day n mod 365 from
 * 2025-01-01. Every size spans the same year and the same 34 places, so the sizes differ only in the
 * number of signatures: the totals hold 34 per-place rows and 365 per-day rows at 1,000 signatures and at
 * 10,000,000. (The read's cost follows places + days, a few hundred rows for a year-long campaign; it
 * does not follow the number of signatures, which is what this measures.)
 */
const insertSignatures = `
  WITH RECURSIVE seq(n) AS (SELECT :from UNION ALL SELECT n + 1 FROM seq WHERE n + 1 < :to),
  rows AS (SELECT n, n % ${DAYS} AS d, n % 10 AS k, (n / 10) % ${COUNTRY_COUNT} AS c FROM seq)
  INSERT INTO "Signature" ("id","name","email","emailKey","nation","country","status","campaignEmails",
    "consentVersion","consentAt","clientHash","createdAt","confirmedAt","confirmedOn","repeatEmailCount")
  SELECT printf('00000000-0000-4000-8000-%012d', n), 'Bench Signer ' || n,
    printf('signer-%09d@example.org', n), printf('signer-%09d@example.org', n),
    CASE k WHEN 6 THEN 'scotland' WHEN 7 THEN 'wales' WHEN 8 THEN 'northern-ireland' WHEN 9 THEN 'other'
      ELSE 'england' END,
    CASE k WHEN 9 THEN substr('${COUNTRIES}', 1 + 2 * c, 2) ELSE 'GB' END,
    'confirmed', n % 3 = 0, '2025-01',
    strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2025-01-01', '+' || d || ' days', '+' || (n % 86400) || ' seconds'),
    'bench',
    strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2025-01-01', '+' || d || ' days', '+' || (n % 86400) || ' seconds'),
    strftime('%Y-%m-%dT%H:%M:%S.000+00:00', '2025-01-01', '+' || d || ' days', '+' || (n % 86400 + 60) || ' seconds'),
    date('2025-01-01', '+' || d || ' days'), 0
  FROM rows`;

/**
 * What lib/pledge/totals.ts changeTotals does for a batch: one upsert per key, at its two grains (per
 * place for all time, day = 'all'; per day for all places, nation = country = '*').
 */
const moveTotals = [
  `INSERT INTO "PledgeTotal" ("nation","country","day","count")
  SELECT "nation", "country", 'all', count(*) FROM "Signature"
  WHERE rowid > :after AND "status" = 'confirmed' GROUP BY "nation", "country"
  ON CONFLICT ("nation","country","day") DO UPDATE SET "count" = "PledgeTotal"."count" + excluded."count"`,
  `INSERT INTO "PledgeTotal" ("nation","country","day","count")
  SELECT '*', '*', "confirmedOn", count(*) FROM "Signature"
  WHERE rowid > :after AND "status" = 'confirmed' GROUP BY "confirmedOn"
  ON CONFLICT ("nation","country","day") DO UPDATE SET "count" = "PledgeTotal"."count" + excluded."count"`,
];

type Timing = { reads: number; totalMs: number; meanMs: number; p50Ms: number; p99Ms: number; maxMs: number };

async function time(reads: number, budgetMs: number, read: () => Promise<unknown>): Promise<Timing> {
  for (let i = 0; i < Math.min(20, reads); i++) await read(); // warm-up: JIT, statement caches, pages
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < reads) {
    const t = performance.now();
    await read();
    samples.push(performance.now() - t);
    if (performance.now() - started > budgetMs && samples.length >= 3) break;
  }
  const totalMs = performance.now() - started;
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]!;
  const r = (x: number) => Number(x.toFixed(3));
  return {
    reads: samples.length,
    totalMs: r(totalMs),
    meanMs: r(totalMs / samples.length),
    p50Ms: r(at(0.5)),
    p99Ms: r(at(0.99)),
    maxMs: r(samples[samples.length - 1]!),
  };
}

async function main() {
  const migrate = spawnSync("npm", ["run", "--silent", "db:deploy"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (migrate.status !== 0) throw new Error(`db:deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);

  // The app's own modules, imported once DATABASE_URL names the bench file (lib/platform/env.ts reads it at import).
  const { createDbClient } = await import("@/lib/platform/db");
  const { createCountReader } = await import("@/lib/pledge/counts");
  const db = createDbClient(url);
  const readNew = createCountReader(db, 0);

  // The old way, verbatim from lib/pledge/counts.ts before the running totals (git show 93bd16f~1).
  async function readOld() {
    const [places, days] = await Promise.all([
      db.signature.groupBy({
        by: ["nation", "country"],
        where: { status: "confirmed" },
        _count: { _all: true },
      }),
      db.signature.groupBy({
        by: ["confirmedOn"],
        where: { status: "confirmed" },
        _count: { _all: true },
        orderBy: { confirmedOn: "asc" },
      }),
    ]);
    const byNation: Record<string, number> = {};
    const byCountry: Record<string, number> = {};
    let total = 0;
    for (const place of places) {
      const n = place._count._all;
      total += n;
      byNation[place.nation] = (byNation[place.nation] ?? 0) + n;
      byCountry[place.country] = (byCountry[place.country] ?? 0) + n;
    }
    const byDay = days
      .filter((d) => d.confirmedOn)
      .map((d) => ({ day: d.confirmedOn!, count: d._count._all }));
    return { total, byNation, byCountry, byDay, countedAt: new Date().toISOString() };
  }

  // For contrast, not the app's code: the same totals summed by SQLite (three GROUP BYs over PledgeTotal,
  // returning 5 + 31 + 365 rows) instead of every PledgeTotal row through Prisma and summed in JS.
  async function readSummed() {
    const [nations, countries, days] = await Promise.all([
      db.$queryRaw<
        { k: string; n: number }[]
      >`SELECT "nation" AS k, sum("count") AS n FROM "PledgeTotal" WHERE "day" = 'all' GROUP BY "nation"`,
      db.$queryRaw<
        { k: string; n: number }[]
      >`SELECT "country" AS k, sum("count") AS n FROM "PledgeTotal" WHERE "day" = 'all' GROUP BY "country"`,
      db.$queryRaw<
        { k: string; n: number }[]
      >`SELECT "day" AS k, sum("count") AS n FROM "PledgeTotal" WHERE "nation" = '*' GROUP BY "day" HAVING sum("count") > 0 ORDER BY "day"`,
    ]);
    const byNation = Object.fromEntries(nations.map((r) => [r.k, Number(r.n)]));
    return {
      total: Object.values(byNation).reduce((a, b) => a + b, 0),
      byNation,
      byCountry: Object.fromEntries(countries.map((r) => [r.k, Number(r.n)])),
      byDay: days.map((r) => ({ day: r.k, count: Number(r.n) })),
    };
  }

  const raw = new Database(file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -524288"); // 512 MiB while the indexes grow
  const insert = raw.prepare(insertSignatures);
  const moves = moveTotals.map((sql) => raw.prepare(sql));
  const lastRowid = raw.prepare(`SELECT coalesce(max(rowid), 0) AS r FROM "Signature"`);
  const grow = raw.transaction((from: number, to: number) => {
    const after = (lastRowid.get() as { r: number }).r;
    insert.run({ from, to });
    for (const move of moves) move.run({ after });
  });

  type SizeResult = {
    signatures: number;
    totalsRows: number;
    loadSeconds: number;
    dbMiB: number;
    consistent: boolean;
    newRead: Timing;
    oldRead: Timing;
    /** Not the app's code: the totals summed in SQL. */
    summedRead: Timing & { consistent: boolean };
  };
  const results: SizeResult[] = [];
  let have = 0;
  let loadSeconds = 0;
  for (const size of SIZES) {
    const started = performance.now();
    while (have < size) {
      const to = Math.min(size, have + CHUNK);
      grow(have, to);
      have = to;
      process.stdout.write(`\rcount-at-scale: ${have.toLocaleString("en-GB")} signatures`);
    }
    raw.pragma("wal_checkpoint(TRUNCATE)");
    loadSeconds += (performance.now() - started) / 1000;
    process.stdout.write(` (${loadSeconds.toFixed(1)} s loading so far)\n`);

    const check = raw
      .prepare(
        `SELECT (SELECT count(*) FROM "Signature" WHERE "status" = 'confirmed') AS rows,
                (SELECT sum("count") FROM "PledgeTotal" WHERE "day" = 'all') AS totals, (SELECT count(*) FROM "PledgeTotal") AS keys`,
      )
      .get() as { rows: number; totals: number; keys: number };
    const fresh = await readNew();
    const old = await readOld();
    const consistent =
      check.rows === size &&
      check.totals === size &&
      fresh.total === size &&
      old.total === size &&
      JSON.stringify(fresh.byNation) === JSON.stringify(sortKeys(old.byNation, fresh.byNation)) &&
      JSON.stringify(fresh.byDay) === JSON.stringify(old.byDay);

    const summed = await readSummed();
    const summedConsistent =
      summed.total === size && JSON.stringify(summed.byDay) === JSON.stringify(fresh.byDay);
    const newRead = await time(READS, Number.POSITIVE_INFINITY, readNew);
    const summedRead = await time(READS, Number.POSITIVE_INFINITY, readSummed);
    const oldRead = await time(OLD_READS, OLD_SECONDS * 1000, readOld);
    const result: SizeResult = {
      signatures: size,
      totalsRows: check.keys,
      loadSeconds: Number(loadSeconds.toFixed(1)),
      dbMiB: Math.round(fs.statSync(file).size / 2 ** 20),
      consistent,
      newRead,
      oldRead,
      summedRead: { ...summedRead, consistent: summedConsistent },
    };
    results.push(result);
    console.log(
      `  ${size.toLocaleString("en-GB")}: new ${newRead.meanMs} ms/read (p99 ${newRead.p99Ms}, ${newRead.reads} reads), ` +
        `old ${oldRead.meanMs} ms/read (p99 ${oldRead.p99Ms}, ${oldRead.reads} reads), totals summed in SQL ` +
        `${summedRead.meanMs} ms/read (p99 ${summedRead.p99Ms}); ${check.keys} PledgeTotal rows; ` +
        `consistent ${consistent}`,
    );
  }
  raw.close();
  await db.$disconnect();

  const base = results[0]!;
  const largest = results[results.length - 1]!;
  console.log(
    `\n| confirmed signatures | PledgeTotal rows | new read (mean, p99) | × new at ${base.signatures.toLocaleString("en-GB")} | old read (mean, p99; reads) | old / new | totals summed in SQL (mean, p99) | totals = rows |`,
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|:-:|");
  for (const r of results)
    console.log(
      `| ${r.signatures.toLocaleString("en-GB")} | ${r.totalsRows.toLocaleString("en-GB")} | ${r.newRead.meanMs} ms, ${r.newRead.p99Ms} ms | ` +
        `${(r.newRead.meanMs / base.newRead.meanMs).toFixed(2)} | ${r.oldRead.meanMs} ms, ${r.oldRead.p99Ms} ms; ${r.oldRead.reads} | ` +
        `${(r.oldRead.meanMs / r.newRead.meanMs).toFixed(1)} | ${r.summedRead.meanMs} ms, ${r.summedRead.p99Ms} ms | ` +
        `${r.consistent && r.summedRead.consistent ? "yes" : "NO"} |`,
    );
  const ratio = largest.newRead.meanMs / base.newRead.meanMs;
  console.log(
    `\ntarget: new read at ${largest.signatures.toLocaleString("en-GB")} within 2× its cost at ${base.signatures.toLocaleString("en-GB")}: ` +
      `${ratio.toFixed(2)}× (${ratio <= 2 ? "met" : "NOT met"})`,
  );
  console.log(
    JSON.stringify({
      benchmark: "count-at-scale",
      date: new Date().toISOString(),
      cores: os.availableParallelism(),
      node: process.version,
      reads: READS,
      results,
      newAtLargestOverSmallest: Number(ratio.toFixed(2)),
    }),
  );
}

/** `old`'s keys in `like`'s order (the two ways build their objects from rows in different orders). */
function sortKeys(old: Record<string, number>, like: Record<string, number>) {
  const keys = [...new Set([...Object.keys(like), ...Object.keys(old)])];
  return Object.fromEntries(keys.map((k) => [k, old[k]]));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
