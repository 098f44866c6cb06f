// The signing, count and outbox benchmarks, each figure beside its baselines from the same run.
//
//   npx tsx tests/bench/run.ts                    (60 s per load; builds first if missing or stale)
//   BENCH_SECONDS=10 npx tsx tests/bench/run.ts   (a quick look)
//   (`npm run bench` runs this, then tests/bench/export-signatures.ts)
//
// What runs, all on this machine (the load generator shares the cores with the servers it measures):
//   - the production Next.js server (`next start`) on a fresh SQLite file, MAIL_WORKER on (.eml files);
//   - tests/bench/bare-server.ts: node:http + the same zod schema + one better-sqlite3 INSERT per request;
//   - autocannon, one child process per load:
//     (a) GET /api/health            no-op route: the framework's ceiling
//     (b) POST /api/pledge           real signing, unique emails, one X-Forwarded-For per request
//     (c) POST bare /pledge          the hardware's ceiling, same duration and connections as (b)
//     (d) with (b)-style signing running throughout: GET /api/health, then GET /api/pledge/count
//   - then tests/bench/outbox-delivery.ts (its JSON line is included).
// After (b) the database must hold every accepted signature, none set aside as suspect.
//
// Knobs: BENCH_SECONDS (60), BENCH_CONNECTIONS (50), BENCH_READ_CONNECTIONS (= connections),
// BENCH_MIXED_SECONDS (seconds per read load in (d), default BENCH_SECONDS/2), BENCH_WARMUP_SECONDS (5),
// BENCH_BUILD (auto|always|never), BENCH_SKIP_OUTBOX=1, BENCH_MAIL_WORKER (true), BENCH_KEEP=1 (keep
// temp files), BENCH_VERBOSE=1 (server logs), BENCH_RESULTS (JSON path, test-results/bench/latest.json),
// BENCH_WAIT_QUIET=0 (don't wait for other work on the machine to stop), BENCH_NICE=-10 (root: run the
// servers and load generators at a higher priority than other work), BENCH_SOURCE (label for the code).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import {
  applyPriority,
  ensureBuild,
  benchAuthorization,
  groupCpuSeconds,
  machineBusyCpuSeconds,
  root,
  runLoad,
  runTracked,
  type Server,
  sleep,
  startBareServer,
  startLoad,
  startNextServer,
  tempDir,
  waitForQuiet,
} from "@/tests/bench/harness";
import type { LoadConfig, LoadResult } from "@/tests/bench/load-worker";

const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};
const SECONDS = num("BENCH_SECONDS", 60);
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
const READ_CONNECTIONS = num("BENCH_READ_CONNECTIONS", CONNECTIONS);
const MIXED_SECONDS = num("BENCH_MIXED_SECONDS", Math.max(5, Math.round(SECONDS / 2)));
const WARMUP_SECONDS = num("BENCH_WARMUP_SECONDS", 5);
// With BENCH_MAIL_WORKER=false nothing in the server sends, so the outbox is counted, not waited for.
const MAIL_WORKER = !["false", "0"].includes(process.env.BENCH_MAIL_WORKER ?? "true");
const RESULTS = path.resolve(root, process.env.BENCH_RESULTS ?? "test-results/bench/latest.json");

type Measured = LoadResult & {
  /** CPU the server's process group used during the load, any core. */
  serverCpuSeconds: number;
  serverCpuMsPerRequest: number;
  /** CPU the whole machine was busy; minus server and load generator(s), what else ran meanwhile. */
  machineCpuSeconds: number;
  otherCpuSeconds: number;
};

type CpuMark = { server: number; machine: number };
const cpuMark = (server: Server): CpuMark => ({
  server: groupCpuSeconds(server.pid),
  machine: machineBusyCpuSeconds(),
});

/** Runs a load and charges the server's CPU time over it. */
async function measure(server: Server, config: Omit<LoadConfig, "type">): Promise<Measured> {
  const before = cpuMark(server);
  const result = await runLoad(config);
  return withCpu(result, server, before, result.generatorCpuSeconds);
}

function withCpu(
  result: LoadResult,
  server: Server,
  before: CpuMark,
  generatorsCpuSeconds: number,
): Measured {
  const after = cpuMark(server);
  const serverCpu = after.server - before.server;
  const machine = after.machine - before.machine;
  return {
    ...result,
    serverCpuSeconds: Number(serverCpu.toFixed(1)),
    serverCpuMsPerRequest: Number(((serverCpu * 1000) / Math.max(1, result.responses)).toFixed(3)),
    machineCpuSeconds: Number(machine.toFixed(1)),
    otherCpuSeconds: Number(Math.max(0, machine - serverCpu - generatorsCpuSeconds).toFixed(1)),
  };
}

function describe(result: LoadResult | Measured): string {
  const l = result.latencyMs;
  const cpu =
    "serverCpuSeconds" in result
      ? `; server CPU ${result.serverCpuSeconds} s (${result.serverCpuMsPerRequest} ms/request), ` +
        `load generator ${result.generatorCpuSeconds} s, other work on the machine ${result.otherCpuSeconds} s`
      : "";
  return (
    `${result.label}: ${result.okPerSecond} ok/s (${result.ok2xx} 2xx in ${result.seconds} s), ` +
    `p50 ${l.p50} ms, p99 ${l.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}${cpu}`
  );
}

/** Every accepted signature of `prefix` stored and pending; nothing anywhere set aside as suspect. */
function verifySignatures(dbFile: string, prefix: string, result: LoadResult) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const rows = db
      .prepare(`SELECT "email", "status" FROM "Signature" WHERE "email" LIKE ?`)
      .all(`${prefix}-%`) as { email: string; status: string }[];
    const statusOf = new Map(rows.map((row) => [row.email, row.status]));
    const accepted = result.accepted ?? [];
    let missing = 0;
    let notPending = 0;
    for (const n of accepted) {
      const status = statusOf.get(`${prefix}-${n}@example.org`);
      if (status === undefined) missing += 1;
      else if (status !== "pending") notPending += 1;
    }
    const suspectAnywhere = (
      db.prepare(`SELECT count(*) AS n FROM "Signature" WHERE "status" = 'suspect'`).get() as { n: number }
    ).n;
    const storedExtra = rows.length - accepted.length;
    return {
      accepted: accepted.length,
      stored: rows.length,
      /** Sent but unanswered when the load stopped (autocannon drops in-flight requests), yet committed. */
      storedButUnanswered: storedExtra,
      acceptedMissing: missing,
      acceptedNotPending: notPending,
      suspectAnywhere,
      ok:
        missing === 0 &&
        notPending === 0 &&
        suspectAnywhere === 0 &&
        storedExtra >= 0 &&
        rows.length <= result.sent,
    };
  } finally {
    db.close();
  }
}

/** Waits until the outbox has nothing pending or sending; returns seconds waited and totals. */
async function drainOutbox(dbFile: string, dataDir: string, timeoutMs = MAIL_WORKER ? 300_000 : 0) {
  const started = performance.now();
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const left = db.prepare(
      `SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" IN ('pending','sending')`,
    );
    const byStatus = db.prepare(`SELECT "status", count(*) AS n FROM "OutboxMessage" GROUP BY "status"`);
    let remaining = (left.get() as { n: number }).n;
    while (remaining > 0 && performance.now() - started < timeoutMs) {
      await sleep(250);
      remaining = (left.get() as { n: number }).n;
    }
    const statuses = Object.fromEntries(
      (byStatus.all() as { status: string; n: number }[]).map((row) => [row.status, row.n]),
    );
    let emlFiles = 0;
    try {
      emlFiles = fs.readdirSync(path.join(dataDir, "outbox")).filter((f) => f.endsWith(".eml")).length;
    } catch {
      // no mail written
    }
    return {
      drained: remaining === 0,
      waitedSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
      statuses,
      emlFiles,
    };
  } finally {
    db.close();
  }
}

function bareRowCount(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (
      db.prepare(`SELECT count(*) AS n FROM "Signature" WHERE "email" LIKE 'bare-%'`).get() as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

async function runOutboxBenchmark(): Promise<Record<string, unknown> | { error: string } | undefined> {
  const script = path.join(root, "tests/bench/outbox-delivery.ts");
  if (process.env.BENCH_SKIP_OUTBOX === "1") return undefined;
  if (!fs.existsSync(script)) return { error: "tests/bench/outbox-delivery.ts not found" };
  console.log("bench: outbox delivery (tests/bench/outbox-delivery.ts)");
  const run = await runTracked("npx", ["tsx", "--conditions=react-server", script]);
  const line = run.stdout
    .split("\n")
    .reverse()
    .find((l) => l.trim().startsWith("{") && l.includes('"benchmark"'));
  if (run.code !== 0 || !line)
    return {
      error: `exit ${run.code}: ${(run.stderr || run.stdout).trim().split("\n").slice(-5).join(" | ")}`,
    };
  return JSON.parse(line) as Record<string, unknown>;
}

/** Which code was measured: the commit, and whether the app's sources differ from it. */
function sourceVersion(): string {
  if (process.env.BENCH_SOURCE) return process.env.BENCH_SOURCE;
  const git = (...args: string[]) => spawnSync("git", args, { cwd: root, encoding: "utf8" });
  const head = git("rev-parse", "--short", "HEAD");
  if (head.status !== 0) return "unknown (not a git checkout)";
  const app = [
    "app",
    "lib",
    "components",
    "prisma",
    "next.config.ts",
    "instrumentation.ts",
    "package-lock.json",
  ];
  const dirty = git("status", "--porcelain", "--", ...app).stdout.trim();
  return `${head.stdout.trim()}${dirty ? " + uncommitted changes to the app" : ""}`;
}

type Target = { figure: string; value: string; baseline: string; target: string; met: boolean | null };

function printTable(targets: Target[]) {
  const headers = ["figure", "measured", "baselines (same run)", "target", "met"];
  const rows = targets.map((t) => [
    t.figure,
    t.value,
    t.baseline,
    t.target,
    t.met === null ? "n/a" : t.met ? "yes" : "NO",
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  console.log(`\n${line(headers)}\n${widths.map((w) => "-".repeat(w)).join("-|-")}`);
  for (const row of rows) console.log(line(row));
}

async function main() {
  applyPriority();
  ensureBuild();
  const quietShare = process.env.BENCH_WAIT_QUIET === "0" ? undefined : await waitForQuiet();
  const dir = tempDir("cui-bench-");
  const appDb = path.join(dir, "app.db");
  const dataDir = path.join(dir, "data");
  const bareDb = path.join(dir, "bare.db");
  fs.mkdirSync(dataDir);

  const cpuModel = os.cpus()[0]?.model ?? "unknown";
  console.log(
    `bench: ${os.availableParallelism()} cores (${cpuModel}), node ${process.version}; ` +
      `${SECONDS} s per load, ${CONNECTIONS} connections (reads under load: ${READ_CONNECTIONS}, ${MIXED_SECONDS} s each)`,
  );

  const bare = await startBareServer(bareDb);
  const app = await startNextServer({ dbFile: appDb, dataDir });
  try {
    // Warm-up (not measured): JIT, lazily loaded route modules, the Prisma client, the count cache.
    if (WARMUP_SECONDS > 0) {
      console.log(`bench: warm-up ${WARMUP_SECONDS} s per route`);
      const common = { connections: CONNECTIONS, seconds: WARMUP_SECONDS };
      await runLoad({ ...common, label: "warm-up health", kind: "get", url: app.url, path: "/api/health" });
      await runLoad({
        ...common,
        label: "warm-up count",
        kind: "get",
        url: app.url,
        path: "/api/pledge/count",
      });
      await runLoad({
        ...common,
        label: "warm-up sign",
        kind: "sign",
        url: app.url,
        path: "/api/pledge",
        prefix: "warm",
        authorization: benchAuthorization,
        addressSeed: 0,
      });
      await runLoad({
        ...common,
        label: "warm-up bare",
        kind: "sign",
        url: bare.url,
        path: "/pledge",
        prefix: "bare-warm",
        authorization: benchAuthorization,
        addressSeed: 0,
      });
      await drainOutbox(appDb, dataDir);
    }

    // (a) the no-op route
    console.log(`bench: (a) GET /api/health for ${SECONDS} s`);
    const health = await measure(app, {
      label: "(a) GET /api/health (no-op)",
      kind: "get",
      url: app.url,
      path: "/api/health",
      connections: CONNECTIONS,
      seconds: SECONDS,
    });
    console.log(`  ${describe(health)}`);

    // (b) signing through the real route
    console.log(`bench: (b) POST /api/pledge for ${SECONDS} s`);
    const sign = await measure(app, {
      label: "(b) POST /api/pledge",
      kind: "sign",
      url: app.url,
      path: "/api/pledge",
      connections: CONNECTIONS,
      seconds: SECONDS,
      prefix: "sign",
      authorization: benchAuthorization,
      addressSeed: 1,
      recordAccepted: true,
    });
    console.log(`  ${describe(sign)}`);
    await sleep(1_000); // requests in flight when autocannon stopped finish committing
    const signCheck = verifySignatures(appDb, "sign", sign);
    console.log(`  database: ${JSON.stringify(signCheck)}`);
    const drainCpuBefore = groupCpuSeconds(app.pid);
    const outboxAfterSign = await drainOutbox(appDb, dataDir);
    const drainCpu = groupCpuSeconds(app.pid) - drainCpuBefore;
    console.log(
      `  outbox after (b): ${JSON.stringify(outboxAfterSign)} (server CPU while draining ${drainCpu.toFixed(1)} s)`,
    );
    delete sign.accepted;

    // (c) the hardware's ceiling
    console.log(`bench: (c) bare node:http + better-sqlite3 for ${SECONDS} s`);
    const bareSign = await measure(bare, {
      label: "(c) bare server POST /pledge",
      kind: "sign",
      url: bare.url,
      path: "/pledge",
      connections: CONNECTIONS,
      seconds: SECONDS,
      prefix: "bare",
      authorization: benchAuthorization,
      addressSeed: 2,
    });
    const bareRows = bareRowCount(bareDb);
    console.log(`  ${describe(bareSign)}; rows stored ${bareRows}`);

    // (d) reads while signing continues
    console.log(`bench: (d) reads for ${MIXED_SECONDS} s each while signing continues`);
    const cpuBeforeMixed = cpuMark(app);
    const background = startLoad({
      label: "(d) background POST /api/pledge",
      kind: "sign",
      url: app.url,
      path: "/api/pledge",
      connections: CONNECTIONS,
      seconds: 2 * MIXED_SECONDS + 3_600,
      prefix: "mixed",
      authorization: benchAuthorization,
      addressSeed: 3,
    });
    let healthUnderLoad: LoadResult;
    let countUnderLoad: LoadResult;
    try {
      await sleep(2_000); // let the signing load reach its stride
      healthUnderLoad = await runLoad({
        label: "(d) GET /api/health while signing",
        kind: "get",
        url: app.url,
        path: "/api/health",
        connections: READ_CONNECTIONS,
        seconds: MIXED_SECONDS,
      });
      console.log(`  ${describe(healthUnderLoad)}`);
      countUnderLoad = await runLoad({
        label: "(d) GET /api/pledge/count while signing",
        kind: "get",
        url: app.url,
        path: "/api/pledge/count",
        connections: READ_CONNECTIONS,
        seconds: MIXED_SECONDS,
      });
      console.log(`  ${describe(countUnderLoad)}`);
    } finally {
      background.stop();
    }
    const backgroundResult = await background.result;
    const backgroundSign = withCpu(
      backgroundResult,
      app,
      cpuBeforeMixed,
      backgroundResult.generatorCpuSeconds +
        healthUnderLoad.generatorCpuSeconds +
        countUnderLoad.generatorCpuSeconds,
    );
    console.log(`  ${describe(backgroundSign)}`);

    const countResponse = await fetch(`${app.url}/api/pledge/count`);
    const countHeaders = {
      cacheControl: countResponse.headers.get("cache-control"),
      vary: countResponse.headers.get("vary"),
      etag: countResponse.headers.get("etag"),
    };
    const countBody = (await countResponse.json()) as { total?: number };
    const healthHeaders = {
      cacheControl: (await fetch(`${app.url}/api/health`)).headers.get("cache-control"),
    };
    const outboxAfterAll = await drainOutbox(appDb, dataDir);

    await app.stop();
    await bare.stop();

    // The outbox benchmark alone on the machine, after the servers are gone.
    const outbox = await runOutboxBenchmark();
    if (outbox) console.log(`  ${JSON.stringify(outbox)}`);

    const cacheControl = countHeaders.cacheControl ?? "";
    const sMaxAge = Number(/s-maxage=(\d+)/.exec(cacheControl)?.[1] ?? 0);
    const cdnCacheable =
      /\bpublic\b/.test(cacheControl) && sMaxAge > 0 && !/no-store|private/.test(cacheControl);
    const pct = (a: number, b: number) => `${Math.round((100 * a) / Math.max(1, b))}%`;
    const outboxFigures: Record<string, unknown> = outbox ?? {};
    const outboxRate =
      "outbox_msgs_per_s" in outboxFigures ? Number(outboxFigures.outbox_msgs_per_s) : undefined;
    const targets: Target[] = [
      {
        figure: "(b) accepted signatures/s, sustained",
        value: `${sign.okPerSecond}/s over ${sign.seconds} s (slowest second ${sign.rpsMin})`,
        baseline: `no-op ${health.okPerSecond}/s; bare ${bareSign.okPerSecond}/s`,
        target: ">= 1,500/s",
        met: sign.okPerSecond >= 1_500,
      },
      {
        figure: "(b) share of the no-op route's rate",
        value: pct(sign.okPerSecond, health.okPerSecond),
        baseline: `bare/no-op ${pct(bareSign.okPerSecond, health.okPerSecond)}`,
        target: ">= 75%",
        met: sign.okPerSecond >= 0.75 * health.okPerSecond,
      },
      {
        figure: "(b) p99 latency",
        value: `${sign.latencyMs.p99} ms (p50 ${sign.latencyMs.p50})`,
        baseline: `no-op p99 ${health.latencyMs.p99} ms; bare p99 ${bareSign.latencyMs.p99} ms`,
        target: "< 250 ms",
        met: sign.latencyMs.p99 < 250,
      },
      {
        figure: "(b) errors, and stored = accepted",
        value: `non-2xx ${sign.non2xx}, errors ${sign.errors}; stored ${signCheck.stored} (accepted ${signCheck.accepted} + ${signCheck.storedButUnanswered} in flight at stop), suspect ${signCheck.suspectAnywhere}`,
        baseline: `bare non-2xx ${bareSign.non2xx}, errors ${bareSign.errors}`,
        target: "zero errors",
        met: sign.non2xx === 0 && sign.errors === 0 && signCheck.ok,
      },
      {
        figure: "(d) count reads/s while signing",
        value: `${countUnderLoad.okPerSecond}/s (p99 ${countUnderLoad.latencyMs.p99} ms)`,
        baseline: `no-op GET while signing ${healthUnderLoad.okPerSecond}/s (${pct(countUnderLoad.okPerSecond, healthUnderLoad.okPerSecond)}); signing meanwhile ${backgroundSign.okPerSecond}/s`,
        target: ">= 80% of no-op",
        met:
          countUnderLoad.okPerSecond >= 0.8 * healthUnderLoad.okPerSecond &&
          countUnderLoad.non2xx === 0 &&
          countUnderLoad.errors === 0,
      },
      {
        figure: "(d) count Cache-Control",
        value: cacheControl || "(none)",
        baseline: `health: ${healthHeaders.cacheControl ?? "(none)"}`,
        target: "CDN-cacheable (public, s-maxage > 0)",
        met: cdnCacheable,
      },
      {
        figure: "outbox messages/s to local SMTP",
        value: outboxRate === undefined ? "not run" : `${outboxRate}/s`,
        baseline:
          "direct_pooled_msgs_per_s" in outboxFigures
            ? `nodemailer pool direct ${String(outboxFigures.direct_pooled_msgs_per_s)}/s`
            : String(outboxFigures.error ?? ""),
        target: ">= 500/s",
        met:
          outboxRate === undefined
            ? null
            : outboxRate >= 500 && outboxFigures.delivered_exactly_once !== false,
      },
    ];
    printTable(targets);

    const summary = {
      date: new Date().toISOString(),
      source: sourceVersion(),
      machine: {
        cores: os.availableParallelism(),
        cpu: cpuModel,
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        platform: `${os.type()} ${os.release()}`,
        loadGeneratorOnSameMachine: true,
        busyShareBeforeStart: quietShare === undefined ? undefined : Number(quietShare.toFixed(2)),
      },
      settings: {
        seconds: SECONDS,
        connections: CONNECTIONS,
        readConnections: READ_CONNECTIONS,
        mixedSeconds: MIXED_SECONDS,
        warmUpSeconds: WARMUP_SECONDS,
        database: "SQLite (fresh temp file), WAL, synchronous=NORMAL",
        mailWorker: process.env.BENCH_MAIL_WORKER ?? "true",
        signupsPerIpPerMinute: "20 (default)",
        nice: process.env.BENCH_NICE ?? "unchanged",
      },
      loads: { health, sign, bareSign, healthUnderLoad, countUnderLoad, backgroundSign },
      checks: {
        signatures: signCheck,
        outboxAfterSign: { ...outboxAfterSign, serverCpuSeconds: Number(drainCpu.toFixed(1)) },
        outboxAfterAll,
        bareRowsStored: bareRows,
        countHeaders,
        countTotal: countBody.total,
        healthHeaders,
      },
      outbox,
      targets,
    };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\nbench: results written to ${path.relative(root, RESULTS)}`);
  } catch (error) {
    console.error("bench: failed; last server output:\n", app.log().split("\n").slice(-30).join("\n"));
    throw error;
  } finally {
    await app.stop();
    await bare.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
