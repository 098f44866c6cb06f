// Issue #8 "Speed" on a viral day: signing and the pages people refresh, measured with wrk (a light load
// generator written in C) against the production server, every figure beside a baseline from the same run.
//
//   npx tsx tests/bench/viral-day.ts                         (about 9 minutes; builds first if stale)
//   VIRAL_SIGN_SECONDS=10 VIRAL_READ_SECONDS=5 npx tsx tests/bench/viral-day.ts     (a quick look)
//   (`npm run bench` runs this after run.ts)
//
// One server (lib/platform/serve.mjs, fresh SQLite file, MAIL_WORKER on: .eml files in DATA_DIR/outbox),
// 50 connections throughout, after a short warm-up of every route:
//   1. signing: wrk GET /api/health (baseline), then wrk POST /api/pledge with tests/bench/wrk/sign.lua
//      (partner key, unique email and X-Forwarded-For per request), then the same two with autocannon
//      (run.ts's (a) and (b)); after each signing load, every 2xx must be a `pending` row, and once the
//      outbox worker has drained, every one of those rows must have its confirmation email `sent`.
//   2. refresh storm: wrk GET /blog (fully static: the baseline), / and /pledge, each alone, in turns
//      (VIRAL_READ_ROUNDS); then the three again while a wrk signing load runs at full rate beside them;
//      plus their response headers, and how old the count on / and /pledge was as served.
// Targets (issue #8): signing >= 0.85 of health, p99 < 250 ms, no errors; / and /pledge >= 0.9 of /blog.
//
// Knobs: VIRAL_SIGN_SECONDS (60), VIRAL_READ_SECONDS (30), BENCH_CONNECTIONS (50), WRK_THREADS (2),
// BENCH_WARMUP_SECONDS (5), BENCH_WAIT_QUIET=0, BENCH_NICE, BENCH_KEEP=1, BENCH_BUILD, WRK (path to wrk),
// VIRAL_RESULTS (JSON, test-results/bench/viral-day.json), VIRAL_SKIP_AUTOCANNON=1, VIRAL_READ_ROUNDS (5).
import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import {
  applyPriority,
  BENCH_PARTNER_KEY,
  benchAuthorization,
  ensureBuild,
  groupCpuSeconds,
  machineBusyCpuSeconds,
  root,
  runLoad,
  runTracked,
  type Server,
  sleep,
  startNextServer,
  tempDir,
  waitForQuiet,
} from "@/tests/bench/harness";
import type { LoadResult } from "@/tests/bench/load-worker";
import { figuresReadAt, LIVE_FIGURES_MAX_AGE_MS } from "@/lib/platform/live-figures.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};
const SIGN_SECONDS = num("VIRAL_SIGN_SECONDS", 60);
const READ_SECONDS = num("VIRAL_READ_SECONDS", 30);
// Each page's reads are split into this many turns, taken in rotation with the other pages', so a page and
// its baseline share the machine's good and bad moments (other tenants come and go within a minute).
const READ_ROUNDS = Math.max(1, num("VIRAL_READ_ROUNDS", 5));
const CONNECTIONS = num("BENCH_CONNECTIONS", 50);
const THREADS = num("WRK_THREADS", 2);
const WARMUP_SECONDS = num("BENCH_WARMUP_SECONDS", 5);
const WRK = process.env.WRK ?? "wrk";
// BENCH_MAIL_WORKER=false: nothing in the server sends, so the outbox is counted (pending), not waited for.
const MAIL_WORKER = !["false", "0"].includes(process.env.BENCH_MAIL_WORKER ?? "true");
const RESULTS = path.resolve(root, process.env.VIRAL_RESULTS ?? "test-results/bench/viral-day.json");

// ---- wrk -----------------------------------------------------------------------------------------

type WrkSummary = {
  sent: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  wrkRequests: number;
  durationUs: number;
  errors: { connect: number; read: number; write: number; status: number; timeout: number };
  latencyUs: { mean: number; p50: number; p90: number; p99: number; max: number };
};

export type WrkResult = {
  label: string;
  path: string;
  seconds: number;
  sent: number;
  responses: number;
  ok2xx: number;
  non2xx: number;
  /** Socket errors and timeouts (wrk counts non-2xx/3xx statuses separately, in non2xx). */
  socketErrors: number;
  statusCodes: Record<string, number>;
  okPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  /** CPU seconds wrk used (user + system). */
  generatorCpuSeconds: number;
  /** CPU the server's process group used over the load, and the whole machine; other = the rest. */
  serverCpuSeconds?: number;
  serverCpuMsPerRequest?: number;
  machineCpuSeconds?: number;
  otherCpuSeconds?: number;
  /** How old the count on the page was as served during the load (sampled; see sampleCountAge). */
  countAge?: CountAge;
};

type CountAge = { samples: number; unread: number; p99Ms: number; maxMs: number };

type WrkOptions = {
  label: string;
  url: string;
  path: string;
  seconds: number;
  script: "sign.lua" | "get.lua";
  env?: Record<string, string>;
  /** Extra request headers, as wrk's -H takes them ("Name: value"). */
  headers?: string[];
  /** Also read the page's count (data-counted-at) a few times a second, as a visitor would see it. */
  sampleCountAge?: boolean;
};

/** What every browser (and a CDN fetching for one) sends: the page comes back compressed. */
const BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br";

/** A few seconds of reads on every route measured, so the first figures do not include Next.js warming up. */
async function warmUpPages(url: string): Promise<void> {
  for (const p of ["/api/health", "/", "/pledge", "/blog"])
    await runWrk({ label: `warm-up ${p}`, url, path: p, seconds: WARMUP_SECONDS, script: "get.lua" });
}

/** One wrk process (in its own process group); resolves with the summary sign.lua/get.lua print. */
async function runWrk(options: WrkOptions): Promise<WrkResult> {
  const args = [
    `-t${THREADS}`,
    `-c${CONNECTIONS}`,
    `-d${options.seconds}s`,
    "--timeout",
    "10s",
    "--latency",
    ...(options.headers ?? []).flatMap((header) => ["-H", header]),
    "-s",
    path.join(here, "wrk", options.script),
    `${options.url}${options.path}`,
  ];
  // `times` prints the CPU its children (wrk) used: the second line, "XmY.YYYs XmY.YYYs".
  const run = await runTracked(
    "bash",
    ["-c", 'wrk_bin="$1"; shift; "$wrk_bin" "$@"; rc=$?; times; exit $rc', "wrk-run", WRK, ...args],
    {
      env: { ...process.env, ...options.env },
    },
  );
  const line = run.stdout.split("\n").find((l) => l.startsWith("WRK_JSON "));
  if (run.code !== 0 || !line)
    throw new Error(`wrk ${options.label} failed (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  const summary = JSON.parse(line.slice("WRK_JSON ".length)) as WrkSummary;
  const times = run.stdout.trim().split("\n").slice(-1)[0]!;
  const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, m) => sum + Number(m[1]) * 60 + Number(m[2]),
    0,
  );
  const seconds = summary.durationUs / 1e6;
  const e = summary.errors;
  const ms = (us: number) => Number((us / 1000).toFixed(1));
  return {
    label: options.label,
    path: options.path,
    seconds: Number(seconds.toFixed(2)),
    sent: summary.sent,
    responses: summary.responses,
    ok2xx: summary.ok2xx,
    non2xx: summary.non2xx,
    socketErrors: e.connect + e.read + e.write + e.timeout,
    statusCodes: summary.statusCodes,
    okPerSecond: Math.round(summary.ok2xx / seconds),
    latencyMs: {
      mean: ms(summary.latencyUs.mean),
      p50: ms(summary.latencyUs.p50),
      p90: ms(summary.latencyUs.p90),
      p99: ms(summary.latencyUs.p99),
      max: ms(summary.latencyUs.max),
    },
    generatorCpuSeconds: Number(cpu.toFixed(1)),
  };
}

type CpuMark = { server: number; machine: number };
const cpuMark = (server: Server): CpuMark => ({
  server: groupCpuSeconds(server.pid),
  machine: machineBusyCpuSeconds(),
});

/** Charges the server's and the machine's CPU over [before, now] to `result`. */
function withCpu<T extends { responses: number; generatorCpuSeconds: number }>(
  result: T,
  server: Server,
  before: CpuMark,
  generatorsCpuSeconds = result.generatorCpuSeconds,
) {
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

async function measureWrk(server: Server, options: WrkOptions): Promise<WrkResult> {
  const before = cpuMark(server);
  const [result, countAge] = await Promise.all([
    runWrk(options),
    options.sampleCountAge ? sampleCountAge(`${options.url}${options.path}`, options.seconds) : undefined,
  ]);
  const measured = { ...withCpu(result, server, before), countAge };
  console.log(`  ${describe(measured)}`);
  return measured;
}

/**
 * Each path measured for READ_SECONDS in all, in READ_ROUNDS turns taken in rotation (a, b, c, a, b, c…),
 * each path's turns then added together.
 */
async function measureInTurns(
  server: Server,
  paths: readonly string[],
  options: (path: string) => WrkOptions,
): Promise<Record<string, WrkResult>> {
  const turns: Record<string, WrkResult[]> = Object.fromEntries(paths.map((p) => [p, []]));
  for (let round = 0; round < READ_ROUNDS; round++)
    for (const p of paths) {
      const base = options(p);
      turns[p]!.push(
        await measureWrk(server, {
          ...base,
          label: READ_ROUNDS > 1 ? `${base.label} (turn ${round + 1}/${READ_ROUNDS})` : base.label,
          seconds: READ_SECONDS / READ_ROUNDS,
        }),
      );
    }
  const combined = Object.fromEntries(paths.map((p) => [p, addTurns(options(p).label, turns[p]!)]));
  if (READ_ROUNDS > 1) for (const p of paths) console.log(`  = ${describe(combined[p]!)}`);
  return combined;
}

/** Turns of one load added up: rates over the whole time; latency percentiles the worst turn's. */
function addTurns(label: string, turns: WrkResult[]): WrkResult {
  if (turns.length === 1) return turns[0]!;
  const sum = (pick: (r: WrkResult) => number | undefined) =>
    turns.reduce((total, r) => total + (pick(r) ?? 0), 0);
  const worst = (pick: (r: WrkResult) => number) => Math.max(...turns.map(pick));
  const seconds = sum((r) => r.seconds);
  const ok2xx = sum((r) => r.ok2xx);
  const responses = sum((r) => r.responses);
  const serverCpuSeconds = sum((r) => r.serverCpuSeconds);
  const statusCodes: Record<string, number> = {};
  for (const r of turns)
    for (const [code, n] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + n;
  const ages = turns.map((r) => r.countAge).filter((age): age is CountAge => age !== undefined);
  return {
    label: `${label} (${turns.length} turns)`,
    path: turns[0]!.path,
    seconds: Number(seconds.toFixed(2)),
    sent: sum((r) => r.sent),
    responses,
    ok2xx,
    non2xx: sum((r) => r.non2xx),
    socketErrors: sum((r) => r.socketErrors),
    statusCodes,
    okPerSecond: Math.round(ok2xx / seconds),
    latencyMs: {
      mean: Number((sum((r) => r.latencyMs.mean * r.responses) / Math.max(1, responses)).toFixed(1)),
      p50: worst((r) => r.latencyMs.p50),
      p90: worst((r) => r.latencyMs.p90),
      p99: worst((r) => r.latencyMs.p99),
      max: worst((r) => r.latencyMs.max),
    },
    generatorCpuSeconds: Number(sum((r) => r.generatorCpuSeconds).toFixed(1)),
    serverCpuSeconds: Number(serverCpuSeconds.toFixed(1)),
    serverCpuMsPerRequest: Number(((serverCpuSeconds * 1000) / Math.max(1, responses)).toFixed(3)),
    machineCpuSeconds: Number(sum((r) => r.machineCpuSeconds).toFixed(1)),
    otherCpuSeconds: Number(sum((r) => r.otherCpuSeconds).toFixed(1)),
    countAge: ages.length
      ? {
          samples: ages.reduce((n, a) => n + a.samples, 0),
          unread: ages.reduce((n, a) => n + a.unread, 0),
          p99Ms: Math.max(...ages.map((a) => a.p99Ms)),
          maxMs: Math.max(...ages.map((a) => a.maxMs)),
        }
      : undefined,
  };
}

/**
 * The site's promise that a count is at most 5 s old, checked as a visitor meets it: four times a second
 * for `seconds`, the page is fetched in the same storm, and its count's age is the time now less the time
 * the page says the count was read (`data-counted-at`, lib/platform/live-figures.mjs). Same machine, same
 * clock. A page that shows no count, or fails, is counted as unread.
 */
async function sampleCountAge(url: string, seconds: number): Promise<CountAge> {
  const ages: number[] = [];
  let unread = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    try {
      // Plain, as wrk asks for it: the same held copy the storm is served.
      const response = await fetch(url, {
        headers: { "accept-encoding": "identity" },
        signal: AbortSignal.timeout(10_000),
      });
      const readAt = figuresReadAt(await response.text());
      if (readAt === undefined) unread += 1;
      else ages.push(Date.now() - readAt);
    } catch {
      unread += 1;
    }
    await sleep(250);
  }
  ages.sort((a, b) => a - b);
  const p99 = ages[Math.min(ages.length - 1, Math.floor(ages.length * 0.99))] ?? 0;
  return { samples: ages.length, unread, p99Ms: p99, maxMs: ages.at(-1) ?? 0 };
}

function describe(r: WrkResult | (LoadResult & { serverCpuSeconds?: number; otherCpuSeconds?: number })) {
  const errors = "socketErrors" in r ? r.socketErrors : r.errors + r.timeouts;
  const cpu =
    r.serverCpuSeconds === undefined
      ? ""
      : `; server CPU ${r.serverCpuSeconds} s, load generator ${r.generatorCpuSeconds} s, other work ${r.otherCpuSeconds} s`;
  const age =
    "countAge" in r && r.countAge
      ? `; count age p99 ${r.countAge.p99Ms} ms, max ${r.countAge.maxMs} ms (${r.countAge.samples} reads, ${r.countAge.unread} unread)`
      : "";
  return (
    `${r.label}: ${r.okPerSecond} ok/s (${r.ok2xx} 2xx in ${r.seconds} s), p50 ${r.latencyMs.p50} ms, ` +
    `p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, errors ${errors}${cpu}${age}`
  );
}

// ---- database checks -----------------------------------------------------------------------------

function openReadOnly(dbFile: string) {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  return db;
}

/** Rows of one load (emails `${prefix}-…`) by status. */
function signaturesOf(dbFile: string, prefix: string): Record<string, number> {
  const db = openReadOnly(dbFile);
  try {
    const rows = db
      .prepare(`SELECT "status", count(*) AS n FROM "Signature" WHERE "email" LIKE ? GROUP BY "status"`)
      .all(`${prefix}-%`) as { status: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.status, row.n]));
  } finally {
    db.close();
  }
}

/** Waits (up to `timeoutMs`) until nothing in the outbox is pending or sending. */
async function drainOutbox(dbFile: string, timeoutMs = MAIL_WORKER ? 600_000 : 0) {
  const started = performance.now();
  const db = openReadOnly(dbFile);
  try {
    const left = db.prepare(
      `SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" IN ('pending','sending')`,
    );
    let remaining = (left.get() as { n: number }).n;
    while (remaining > 0 && performance.now() - started < timeoutMs) {
      await sleep(500);
      remaining = (left.get() as { n: number }).n;
    }
    return {
      drained: remaining === 0,
      remaining,
      waitedSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
    };
  } finally {
    db.close();
  }
}

/** The confirmation emails of one load's signatures, by outbox status (one per signature expected). */
function emailsOf(dbFile: string, prefix: string) {
  const db = openReadOnly(dbFile);
  try {
    const rows = db
      .prepare(
        `SELECT o."status" AS status, count(*) AS n, count(DISTINCT o."refId") AS signatures
         FROM "OutboxMessage" o JOIN "Signature" s ON s."id" = o."refId"
         WHERE s."email" LIKE ? AND o."kind" = 'pledge-confirm' GROUP BY o."status"`,
      )
      .all(`${prefix}-%`) as { status: string; n: number; signatures: number }[];
    return Object.fromEntries(
      rows.map((row) => [row.status, { messages: row.n, signatures: row.signatures }]),
    );
  } finally {
    db.close();
  }
}

function emlFiles(dataDir: string): number {
  try {
    return fs.readdirSync(path.join(dataDir, "outbox")).filter((f) => f.endsWith(".eml")).length;
  } catch {
    return 0;
  }
}

type SignCheck = {
  prefix: string;
  ok2xx: number;
  /** Written but unanswered when the load generator stopped: may be committed all the same. */
  inFlightAtStop: number;
  pending: number;
  otherStatuses: Record<string, number>;
  emailsSent: number;
  emailsNotSent: Record<string, number>;
  drain: { drained: boolean; remaining: number; waitedSeconds: number; serverCpuSeconds: number };
  /** Every 2xx stored pending (plus at most the in-flight ones), and every stored one emailed once. */
  ok: boolean;
};

async function checkSigning(
  app: Server,
  dbFile: string,
  prefix: string,
  load: { ok2xx: number; sent: number; responses: number },
): Promise<SignCheck> {
  // Requests in flight when the load stopped finish committing (slowly, on a saturated machine): wait
  // until this load's rows stop changing, then until the outbox worker has sent everything.
  const cpuBefore = groupCpuSeconds(app.pid);
  const total = () => Object.values(signaturesOf(dbFile, prefix)).reduce((a, b) => a + b, 0);
  let last = -1;
  for (let tries = 0; tries < 30; tries++) {
    await sleep(1_000);
    const now = total();
    if (now === last) break;
    last = now;
  }
  const drain = await drainOutbox(dbFile);
  const drainCpu = groupCpuSeconds(app.pid) - cpuBefore;
  const byStatus = signaturesOf(dbFile, prefix);
  const { pending = 0, ...otherStatuses } = byStatus;
  const emails = emailsOf(dbFile, prefix);
  // With the worker off, "queued" (pending) is as far as an email can get here.
  const { [MAIL_WORKER ? "sent" : "pending"]: sent = { messages: 0, signatures: 0 }, ...notSent } = emails;
  const inFlightAtStop = Math.max(0, load.sent - load.responses);
  const stored = pending + Object.values(otherStatuses).reduce((a, b) => a + b, 0);
  const check: SignCheck = {
    prefix,
    ok2xx: load.ok2xx,
    inFlightAtStop,
    pending,
    otherStatuses,
    emailsSent: sent.messages,
    emailsNotSent: Object.fromEntries(Object.entries(notSent).map(([k, v]) => [k, v.messages])),
    drain: { ...drain, serverCpuSeconds: Number(drainCpu.toFixed(1)) },
    ok:
      stored === pending &&
      pending >= load.ok2xx &&
      pending <= load.ok2xx + inFlightAtStop &&
      sent.messages === pending &&
      sent.signatures === pending &&
      Object.keys(notSent).length === 0,
  };
  console.log(`  check ${prefix}: ${JSON.stringify(check)}`);
  return check;
}

// ---- headers -------------------------------------------------------------------------------------

type Headers = {
  method: string;
  status: string;
  cacheControl: string;
  nextCache: string;
  /** The production server's page cache (lib/platform/page-cache.mjs): HIT or STALE, and the copy's Age. */
  serverCache: string;
  age: string;
};

/** `curl -sI` (HEAD) and a GET's headers: status, Cache-Control and x-nextjs-cache. */
// Asynchronous on purpose: the server's log lines come to this process through a pipe, and a pipe nobody
// reads fills in a fraction of a second under load, after which the server's next log write waits (pino
// writes synchronously). A blocking spawnSync here froze the server for curl's whole timeout, which an
// earlier run of this benchmark counted as the pages' own stall while signing.
async function headersOf(url: string): Promise<Headers[]> {
  const probes: [string, string[]][] = [
    ["HEAD", ["-sI", "--max-time", "30", url]],
    ["GET", ["-s", "--max-time", "30", "-o", "/dev/null", "-D", "-", url]],
    // A second visitor: answered from the copy the first one's request left (x-cache, Age).
    ["GET again", ["-s", "--max-time", "30", "-o", "/dev/null", "-D", "-", url]],
  ];
  const found: Headers[] = [];
  for (const [method, args] of probes) {
    const out = await promisify(execFile)("curl", args, { encoding: "utf8" }).then(
      (result) => result.stdout,
      (error: { stdout?: string }) => error.stdout ?? "",
    );
    const header = (name: string) =>
      new RegExp(`^${name}:\\s*(.*)$`, "im").exec(out)?.[1]?.trim() ?? "(none)";
    found.push({
      method,
      status: out.split("\n")[0]?.trim() ?? "",
      cacheControl: header("cache-control"),
      nextCache: header("x-nextjs-cache"),
      serverCache: header("x-cache"),
      age: header("age"),
    });
  }
  return found;
}

// ---- report --------------------------------------------------------------------------------------

type Row = {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  met: boolean | null;
};

function printTable(title: string, rows: Row[]) {
  const headers = ["figure", "measured", "baseline (same run)", "ratio", "target", "met"];
  const cells = rows.map((r) => [
    r.figure,
    r.value,
    r.baseline,
    r.ratio,
    r.target,
    r.met === null ? "" : r.met ? "yes" : "NO",
  ]);
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => `| ${c.map((x, i) => x.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(`\n${title}\n${line(headers)}\n|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const c of cells) console.log(line(c));
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : 0);
const fmt = (x: number) => x.toFixed(2);
const rate = (r: { okPerSecond: number; latencyMs: { p99: number } }) =>
  `${r.okPerSecond.toLocaleString("en-GB")}/s, p99 ${r.latencyMs.p99} ms`;

// ---- main ----------------------------------------------------------------------------------------

async function main() {
  applyPriority();
  ensureBuild();
  if (spawnSync(WRK, ["-v"]).error) throw new Error(`${WRK} not found: apt-get install -y wrk`);
  const quietShare = process.env.BENCH_WAIT_QUIET === "0" ? undefined : await waitForQuiet();
  const loadAverageAtStart = os.loadavg();
  const dir = tempDir("cui-viral-");
  const appDb = path.join(dir, "app.db");
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  console.log(
    `viral-day: ${os.availableParallelism()} cores, node ${process.version}; wrk -t${THREADS} -c${CONNECTIONS}; ` +
      `signing ${SIGN_SECONDS} s, reads ${READ_SECONDS} s`,
  );

  const app = await startNextServer({ dbFile: appDb, dataDir });
  const signEnv = (prefix: string, seed: number) => ({
    BENCH_PARTNER_KEY,
    WRK_PREFIX: prefix,
    WRK_ADDRESS_SEED: String(seed),
  });
  const measureBefore = async () => {
    console.log(
      `viral-day: 3. before: fast paths off, ${SIGN_SECONDS} s signing, ${READ_SECONDS} s per page`,
    );
    fs.mkdirSync(path.join(dir, "before-data"));
    const off = await startNextServer({
      dbFile: path.join(dir, "before.db"),
      dataDir: path.join(dir, "before-data"),
      env: { SIGNING_FAST_PATH: "false", PAGE_CACHE: "false" },
    });
    try {
      await warmUpPages(off.url);
      const health = await measureWrk(off, {
        label: "before: wrk GET /api/health",
        url: off.url,
        path: "/api/health",
        seconds: SIGN_SECONDS,
        script: "get.lua",
      });
      const sign = await measureWrk(off, {
        label: "before: wrk POST /api/pledge",
        url: off.url,
        path: "/api/pledge",
        seconds: SIGN_SECONDS,
        script: "sign.lua",
        env: signEnv("before", 60),
      });
      // Its emails sent before the pages are read, as in part 1: the worker would otherwise compete.
      await drainOutbox(path.join(dir, "before.db"));
      const pages: Record<string, WrkResult> = {};
      for (const p of ["/blog", "/", "/pledge"])
        pages[p] = await measureWrk(off, {
          label: `before: wrk GET ${p} alone`,
          url: off.url,
          path: p,
          seconds: READ_SECONDS,
          script: "get.lua",
        });
      return { health, sign, pages };
    } finally {
      await off.stop();
    }
  };
  try {
    if (WARMUP_SECONDS > 0) {
      console.log(`viral-day: warm-up ${WARMUP_SECONDS} s per route`);
      await warmUpPages(app.url);
      await runWrk({
        label: "warm-up sign",
        url: app.url,
        path: "/api/pledge",
        seconds: WARMUP_SECONDS,
        script: "sign.lua",
        env: signEnv("warm", 10),
      });
      if (process.env.VIRAL_SKIP_AUTOCANNON !== "1")
        await runLoad({
          label: "warm-up autocannon sign",
          kind: "sign",
          url: app.url,
          path: "/api/pledge",
          connections: CONNECTIONS,
          seconds: WARMUP_SECONDS,
          prefix: "acwarm",
          authorization: benchAuthorization,
          addressSeed: 11,
        });
      await drainOutbox(appDb);
    }

    // 1. signing -------------------------------------------------------------------------------
    console.log(`viral-day: 1. signing, ${SIGN_SECONDS} s per load`);
    const health = await measureWrk(app, {
      label: "wrk GET /api/health",
      url: app.url,
      path: "/api/health",
      seconds: SIGN_SECONDS,
      script: "get.lua",
    });
    const sign = await measureWrk(app, {
      label: "wrk POST /api/pledge",
      url: app.url,
      path: "/api/pledge",
      seconds: SIGN_SECONDS,
      script: "sign.lua",
      env: signEnv("wrk", 20),
    });
    const signCheck = await checkSigning(app, appDb, "wrk", sign);

    let acHealth: LoadResult | undefined;
    let acSign: LoadResult | undefined;
    let acCheck: SignCheck | undefined;
    if (process.env.VIRAL_SKIP_AUTOCANNON !== "1") {
      const common = { connections: CONNECTIONS, seconds: SIGN_SECONDS, url: app.url };
      let before = cpuMark(app);
      acHealth = withCpu(
        await runLoad({ ...common, label: "autocannon GET /api/health", kind: "get", path: "/api/health" }),
        app,
        before,
      );
      console.log(`  ${describe(acHealth)}`);
      before = cpuMark(app);
      acSign = withCpu(
        await runLoad({
          ...common,
          label: "autocannon POST /api/pledge",
          kind: "sign",
          path: "/api/pledge",
          prefix: "ac",
          authorization: benchAuthorization,
          addressSeed: 30,
        }),
        app,
        before,
      );
      console.log(`  ${describe(acSign)}`);
      acCheck = await checkSigning(app, appDb, "ac", acSign);
    }

    // 2. refresh storm -------------------------------------------------------------------------
    console.log(`viral-day: 2. refresh storm, ${READ_SECONDS} s per page`);
    const pages = ["/blog", "/", "/pledge"] as const;
    const headers: Record<string, Headers[]> = {};
    for (const p of pages) headers[p] = await headersOf(`${app.url}${p}`);
    const alone = await measureInTurns(app, pages, (p) => ({
      label: `wrk GET ${p} alone`,
      url: app.url,
      path: p,
      seconds: READ_SECONDS,
      script: "get.lua",
      sampleCountAge: p !== "/blog",
    }));

    // The same pages as browsers fetch them: compressed (wrk alone asks for plain bytes, so a bigger
    // page costs the load generator more to read than the server to send).
    const aloneGzip = await measureInTurns(app, pages, (p) => ({
      label: `wrk GET ${p} alone, gzip`,
      url: app.url,
      path: p,
      seconds: READ_SECONDS,
      script: "get.lua",
      headers: [BROWSER_ENCODING],
    }));

    const headersUnderLoad: Record<string, Headers[]> = {};
    const stormBefore = cpuMark(app);
    const background = runWrk({
      label: "wrk POST /api/pledge beside the reads",
      url: app.url,
      path: "/api/pledge",
      // Long enough for the header probes and every turn of reads (each turn starts a wrk of its own).
      seconds: Math.ceil(20 + pages.length * (READ_SECONDS + READ_ROUNDS * 1.5)),
      script: "sign.lua",
      env: signEnv("storm", 40),
    });
    await sleep(2_000); // the signing load reaches its stride
    for (const p of pages) headersUnderLoad[p] = await headersOf(`${app.url}${p}`);
    const underLoad = await measureInTurns(app, pages, (p) => ({
      label: `wrk GET ${p} while signing`,
      url: app.url,
      path: p,
      seconds: READ_SECONDS,
      script: "get.lua",
      sampleCountAge: p !== "/blog",
    }));
    const backgroundResult = await background;
    const backgroundSign = withCpu(
      backgroundResult,
      app,
      stormBefore,
      backgroundResult.generatorCpuSeconds +
        Object.values(underLoad).reduce((sum, r) => sum + r.generatorCpuSeconds, 0),
    );
    console.log(`  ${describe(backgroundSign)}`);
    const stormCheck = await checkSigning(app, appDb, "storm", backgroundSign);
    const emlFilesWritten = emlFiles(dataDir);
    await app.stop();

    // 3. before: the same server with both fast paths off --------------------------------------
    // Signing through Next.js's route handler and every page through Next.js, as before issue #8's
    // second round, measured in this same run so the two can be compared on the same machine load.
    const before = process.env.VIRAL_SKIP_BEFORE === "1" ? undefined : await measureBefore();

    // ---- tables -------------------------------------------------------------------------------
    if (before) {
      const rows: Row[] = [
        {
          figure: "signing through Next.js's route handler",
          value: rate(before.sign),
          baseline: `GET /api/health ${rate(before.health)}`,
          ratio: fmt(ratio(before.sign.okPerSecond, before.health.okPerSecond)),
          target: "(before)",
          met: true,
        },
        ...(["/", "/pledge"] as const).map((p) => ({
          figure: `GET ${p} through Next.js alone`,
          value: rate(before.pages[p]!),
          baseline: `/blog ${rate(before.pages["/blog"]!)}`,
          ratio: fmt(ratio(before.pages[p]!.okPerSecond, before.pages["/blog"]!.okPerSecond)),
          target: "(before)",
          met: true,
        })),
      ];
      printTable("3. Before: fast paths off (SIGNING_FAST_PATH=false PAGE_CACHE=false), same run", rows);
    }
    const errorsOf = (r: WrkResult) => r.non2xx + r.socketErrors;
    const signing: Row[] = [
      {
        figure: "wrk: signatures/s (POST /api/pledge)",
        value: rate(sign),
        baseline: `GET /api/health ${rate(health)}`,
        ratio: fmt(ratio(sign.okPerSecond, health.okPerSecond)),
        target: ">= 0.85",
        met: ratio(sign.okPerSecond, health.okPerSecond) >= 0.85,
      },
      {
        figure: "wrk: signing p99",
        value: `${sign.latencyMs.p99} ms (p50 ${sign.latencyMs.p50})`,
        baseline: `health p99 ${health.latencyMs.p99} ms`,
        ratio: fmt(ratio(sign.latencyMs.p99, health.latencyMs.p99)),
        target: "< 250 ms",
        met: sign.latencyMs.p99 < 250,
      },
      {
        figure: "wrk: signing errors / non-2xx",
        value: `${sign.socketErrors} / ${sign.non2xx} ${JSON.stringify(sign.statusCodes)}`,
        baseline: `health ${health.socketErrors} / ${health.non2xx}`,
        ratio: "",
        target: "0",
        met: errorsOf(sign) === 0,
      },
      {
        figure: "wrk: stored pending = 2xx; emailed = stored",
        value: `${signCheck.pending} pending (${signCheck.ok2xx} 2xx + ${signCheck.inFlightAtStop} in flight at stop); ${signCheck.emailsSent} sent (drained in ${signCheck.drain.waitedSeconds} s)`,
        baseline: `2xx counted in sign.lua: ${sign.ok2xx}`,
        ratio: fmt(ratio(signCheck.pending, sign.ok2xx)),
        target: "all stored, all sent",
        met: signCheck.ok,
      },
    ];
    if (acHealth && acSign && acCheck)
      signing.push(
        {
          figure: "autocannon: signatures/s (run.ts (b))",
          value: rate(acSign),
          baseline: `GET /api/health ${rate(acHealth)}`,
          ratio: fmt(ratio(acSign.okPerSecond, acHealth.okPerSecond)),
          target: ">= 0.85",
          met: ratio(acSign.okPerSecond, acHealth.okPerSecond) >= 0.85,
        },
        {
          figure: "autocannon: errors; stored; emailed",
          value: `${acSign.errors + acSign.timeouts} / ${acSign.non2xx} non-2xx; ${acCheck.pending} pending (${acCheck.ok2xx} 2xx + ${acCheck.inFlightAtStop} in flight); ${acCheck.emailsSent} sent`,
          baseline: `health ${acHealth.errors} / ${acHealth.non2xx}`,
          ratio: "",
          target: "0; all stored, all sent",
          met: acSign.errors + acSign.timeouts + acSign.non2xx === 0 && acCheck.ok,
        },
      );

    const storm: Row[] = [];
    const blog = alone["/blog"]!;
    const blogUnder = underLoad["/blog"]!;
    for (const p of ["/", "/pledge"]) {
      const a = alone[p]!;
      const u = underLoad[p]!;
      storm.push(
        {
          figure: `GET ${p} alone`,
          value: rate(a),
          baseline: `/blog alone ${rate(blog)}`,
          ratio: fmt(ratio(a.okPerSecond, blog.okPerSecond)),
          target: ">= 0.9",
          met: ratio(a.okPerSecond, blog.okPerSecond) >= 0.9 && errorsOf(a) === 0,
        },
        {
          figure: `GET ${p} alone, as browsers fetch it (gzip)`,
          value: rate(aloneGzip[p]!),
          baseline: `/blog alone, gzip ${rate(aloneGzip["/blog"]!)}`,
          ratio: fmt(ratio(aloneGzip[p]!.okPerSecond, aloneGzip["/blog"]!.okPerSecond)),
          target: ">= 0.9",
          met:
            ratio(aloneGzip[p]!.okPerSecond, aloneGzip["/blog"]!.okPerSecond) >= 0.9 &&
            errorsOf(aloneGzip[p]!) === 0,
        },
        {
          figure: `GET ${p} while signing`,
          value: rate(u),
          baseline: `/blog while signing ${rate(blogUnder)}`,
          ratio: fmt(ratio(u.okPerSecond, blogUnder.okPerSecond)),
          target: ">= 0.9",
          met: ratio(u.okPerSecond, blogUnder.okPerSecond) >= 0.9 && errorsOf(u) === 0,
        },
        {
          figure: `GET ${p} while signing, vs /blog alone`,
          value: rate(u),
          baseline: `/blog alone ${rate(blog)}`,
          ratio: fmt(ratio(u.okPerSecond, blog.okPerSecond)),
          target: "(>= 0.9, strict reading)",
          met: ratio(u.okPerSecond, blog.okPerSecond) >= 0.9,
        },
      );
    }
    for (const [when, results] of [
      ["alone", alone],
      ["while signing", underLoad],
    ] as const)
      for (const p of ["/", "/pledge"]) {
        const age = results[p]!.countAge!;
        storm.push({
          figure: `count on ${p} as served, ${when}: age`,
          value: `p99 ${(age.p99Ms / 1000).toFixed(1)} s, max ${(age.maxMs / 1000).toFixed(1)} s`,
          baseline: `${age.samples} reads, ${age.unread} unread`,
          ratio: "",
          target: `<= ${LIVE_FIGURES_MAX_AGE_MS / 1000} s`,
          met: age.samples > 0 && age.unread === 0 && age.maxMs <= LIVE_FIGURES_MAX_AGE_MS,
        });
      }
    storm.push({
      figure: "signing beside the reads (wrk)",
      value: `${rate(backgroundSign)}; errors ${errorsOf(backgroundSign)}`,
      baseline: `signing alone ${rate(sign)}`,
      ratio: fmt(ratio(backgroundSign.okPerSecond, sign.okPerSecond)),
      target: "0 errors, all stored and sent",
      met: errorsOf(backgroundSign) === 0 && stormCheck.ok,
    });
    printTable("1. Signing", signing);
    printTable("2. Refresh storm", storm);
    console.log("\nheaders (alone, then while signing):");
    for (const p of pages)
      console.log(`  ${p}: ${JSON.stringify(headers[p])} | ${JSON.stringify(headersUnderLoad[p])}`);

    const summary = {
      date: new Date().toISOString(),
      machine: {
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? "unknown",
        node: process.version,
        busyShareBeforeStart: quietShare === undefined ? undefined : Number(quietShare.toFixed(2)),
        loadAverageAtStart,
        loadAverageAtEnd: os.loadavg(),
      },
      settings: {
        signSeconds: SIGN_SECONDS,
        readSeconds: READ_SECONDS,
        connections: CONNECTIONS,
        wrkThreads: THREADS,
        mailWorker: app.env.MAIL_WORKER,
        nice: process.env.BENCH_NICE ?? "unchanged",
      },
      signing: { health, sign, signCheck, acHealth, acSign, acCheck },
      storm: { alone, underLoad, backgroundSign, stormCheck, headers, headersUnderLoad },
      emlFilesWritten,
      tables: { signing, storm },
    };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(`\nviral-day: results written to ${path.relative(root, RESULTS)}`);
  } catch (error) {
    console.error("viral-day: failed; last server output:\n", app.log().split("\n").slice(-30).join("\n"));
    throw error;
  } finally {
    await app.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
