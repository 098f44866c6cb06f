// Signing on PostgreSQL, through one instance and through two behind nginx: the production layout of
// compose.yaml, on this machine. Each signing figure sits beside GET /api/health through the same path in
// the same run; the database's cost per sign-up is read from PostgreSQL's own statistics.
//
//   npx tsx tests/bench/postgres-scale-out.ts                  (20 s per load; builds first if stale)
//   BENCH_PG_SECONDS=10 npx tsx tests/bench/postgres-scale-out.ts
//   (`npm run bench` runs it after tests/bench/run.ts and the export benchmark)
//
// What runs (all on this machine, load generator included):
//   - a fresh database on the PostgreSQL server (BENCH_PG_URL, default postgresql://postgres@127.0.0.1:5432/
//     postgres), migrated with `npm run db:deploy`, dropped at the end;
//   - two production servers (lib/platform/serve.mjs) with MAIL_WORKER=false, TRUSTED_PROXY_HOPS=1 and a
//     partner key (PLEDGE_API_KEYS), as app1 and app2 in compose.yaml;
//   - Debian's nginx (/usr/sbin/nginx, our own process, temp prefix) twice, from the same template the
//     scale-out tests and compose.yaml use (tests/support/nginx/count-us-in.conf.template): one with app1
//     alone upstream, one with app1 and app2;
//   - wrk (tests/bench/postgres-scale-out.lua): signing = POST /api/pledge with `Authorization: Bearer`,
//     a unique email per request, nation england.
// Loads, each BENCH_PG_SECONDS: (A) app1 direct, (B) nginx -> app1, (C) nginx -> app1 + app2: each
// GET /api/health then POST /api/pledge; (D) through (C)'s nginx, signing throughout while GET /api/health
// and then GET /api/pledge/count run beside it. Then, unless BENCH_PG_MAIL=0, a mail worker instance
// (MAIL_WORKER=true, .eml files) drains the outbox, for the database's cost per email sent.
// For every signing load: 2xx/s, latency, the rows stored against the 2xx answers, and the database's
// commits, tuples, blocks and WAL per sign-up, the connections it held, and the CPU of each process kind.
//
// Knobs: BENCH_PG_SECONDS (20), BENCH_PG_CONNECTIONS (64), BENCH_PG_THREADS (2), BENCH_PG_WARMUP_SECONDS (5),
// BENCH_PG_URL, BENCH_NGINX (/usr/sbin/nginx), BENCH_NGINX_TEMPLATE, BENCH_PG_MAIL (1),
// BENCH_PG_RESULTS (test-results/bench/postgres-scale-out.json), and harness.ts's BENCH_BUILD,
// BENCH_WAIT_QUIET, BENCH_NICE, BENCH_KEEP, BENCH_VERBOSE.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import {
  applyPriority,
  ensureBuild,
  freePort,
  groupCpuSeconds,
  machineBusyCpuSeconds,
  root,
  sleep,
  tempDir,
  waitForQuiet,
} from "@/tests/bench/harness";
import { nginxTemplateValues, renderTemplate, SHARED_NGINX_TEMPLATE } from "@/tests/bench/nginx-template";

const num = (name: string, fallback: number) => {
  const value = process.env[name];
  return value === undefined || value === "" ? fallback : Number(value);
};
const SECONDS = num("BENCH_PG_SECONDS", 20);
const CONNECTIONS = num("BENCH_PG_CONNECTIONS", 64);
const THREADS = num("BENCH_PG_THREADS", 2);
const WARMUP_SECONDS = num("BENCH_PG_WARMUP_SECONDS", 5);
const SERVER_URL = process.env.BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const NGINX = process.env.BENCH_NGINX ?? "/usr/sbin/nginx";
const NGINX_TEMPLATE = path.resolve(root, process.env.BENCH_NGINX_TEMPLATE ?? SHARED_NGINX_TEMPLATE);
const RESULTS = path.resolve(
  root,
  process.env.BENCH_PG_RESULTS ?? "test-results/bench/postgres-scale-out.json",
);
const LUA = path.join(root, "tests/bench/postgres-scale-out.lua");
/** lib/platform/db.ts's pool size per server process (POSTGRES_POOL.max). */
const POOL_MAX_PER_INSTANCE = 10;

// ---- processes (own process groups, killed however the run ends) ----------------------------------

const groups = new Set<number>();
/** Set once the run is over, so servers stopped on purpose are not reported as crashes. */
let stopping = false;
function killAll() {
  for (const pid of groups)
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone
    }
  groups.clear();
}
process.on("exit", killAll);

function track(child: ChildProcess, label: string): () => string {
  groups.add(child.pid!);
  child.once("exit", () => groups.delete(child.pid!));
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 300) lines.splice(0, lines.length - 300);
    if (process.env.BENCH_VERBOSE === "1") process.stderr.write(`[${label}] ${chunk.toString()}`);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.join("\n");
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000) {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(child.pid!, signal);
    } catch {
      // gone
    }
    await Promise.race([exited, sleep(graceMs)]);
  }
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // gone
  }
  groups.delete(child.pid!);
}

// ---- the database ---------------------------------------------------------------------------------

async function adminQuery<Row extends pg.QueryResultRow>(url: string, sql: string, values: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<Row>(sql, values)).rows;
  } finally {
    await client.end();
  }
}

function databaseUrl(name: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

type DbStats = {
  xact_commit: number;
  xact_rollback: number;
  blks_read: number;
  blks_hit: number;
  tup_returned: number;
  tup_fetched: number;
  tup_inserted: number;
  tup_updated: number;
  tup_deleted: number;
  deadlocks: number;
  walBytes: number;
};

/** This database's counters (pg_stat_database), plus the server's WAL position (every database). */
async function dbStats(stats: pg.Client, name: string): Promise<DbStats> {
  // Backends publish their counters at most once a second when idle: wait for them, read a fresh snapshot.
  await sleep(1_200);
  await stats.query("SELECT pg_stat_clear_snapshot()");
  const [row] = (
    await stats.query(
      `SELECT xact_commit, xact_rollback, blks_read, blks_hit, tup_returned, tup_fetched, tup_inserted,
              tup_updated, tup_deleted, deadlocks, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0') AS wal
         FROM pg_stat_database WHERE datname = $1`,
      [name],
    )
  ).rows as Record<string, string>[];
  const n = (key: string) => Number(row![key]);
  return {
    xact_commit: n("xact_commit"),
    xact_rollback: n("xact_rollback"),
    blks_read: n("blks_read"),
    blks_hit: n("blks_hit"),
    tup_returned: n("tup_returned"),
    tup_fetched: n("tup_fetched"),
    tup_inserted: n("tup_inserted"),
    tup_updated: n("tup_updated"),
    tup_deleted: n("tup_deleted"),
    deadlocks: n("deadlocks"),
    walBytes: n("wal"),
  };
}

function perItem(before: DbStats, after: DbStats, items: number) {
  const d = (key: keyof DbStats) => (after[key] - before[key]) / Math.max(1, items);
  const round = (value: number, digits = 2) => Number(value.toFixed(digits));
  return {
    items,
    commits: after.xact_commit - before.xact_commit,
    rollbacks: after.xact_rollback - before.xact_rollback,
    deadlocks: after.deadlocks - before.deadlocks,
    commitsPerItem: round(d("xact_commit"), 3),
    itemsPerCommit: round(items / Math.max(1, after.xact_commit - before.xact_commit), 1),
    tuplesInsertedPerItem: round(d("tup_inserted")),
    tuplesUpdatedPerItem: round(d("tup_updated")),
    tuplesDeletedPerItem: round(d("tup_deleted")),
    tuplesReadPerItem: round(d("tup_returned") + d("tup_fetched")),
    blocksHitPerItem: round(d("blks_hit")),
    blocksReadPerItem: round(d("blks_read"), 3),
    walBytesPerItem: Math.round(d("walBytes")),
  };
}

/** Samples the connections to the database (pg_stat_activity) while a load runs. */
function connectionSampler(stats: pg.Client, name: string) {
  let max = 0;
  let maxActive = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rows = (
        await stats.query(
          `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'active')::int AS active
             FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
          [name],
        )
      ).rows as { total: number; active: number }[];
      max = Math.max(max, rows[0]!.total);
      maxActive = Math.max(maxActive, rows[0]!.active);
      await sleep(250);
    }
  })();
  return async () => {
    running = false;
    await loop;
    return { max, maxActive };
  };
}

// ---- CPU ----------------------------------------------------------------------------------------

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/** CPU seconds of every live process whose command name starts with `prefix` (the PostgreSQL server). */
function commandCpuSeconds(prefix: string): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    if (!name.startsWith(prefix)) continue;
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

type Cpu = Record<string, number>;

// ---- app instances --------------------------------------------------------------------------------

type Instance = { name: string; url: string; port: number; child: ChildProcess; log: () => string };

async function startInstance(
  name: string,
  env: NodeJS.ProcessEnv,
  dataDir: string,
  mailWorker: boolean,
): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // Its log (a JSON line per request at LOG_LEVEL=info, as in production) goes to a file, as a container's
  // stdout would, rather than through this process.
  fs.mkdirSync(dataDir, { recursive: true });
  const logFile = path.join(dataDir, "server.log");
  const out = fs.openSync(logFile, "a");
  const child = spawn(
    process.execPath,
    [path.join(root, "lib/platform/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: { ...env, SITE_URL: url, DATA_DIR: dataDir, MAIL_WORKER: String(mailWorker) },
      detached: true,
      stdio: ["ignore", out, out],
    },
  );
  fs.closeSync(out);
  track(child, name);
  const log = () => {
    const lines = fs.readFileSync(logFile, "utf8").trimEnd().split("\n");
    return lines
      .filter((line) => !line.includes('"msg":"request"'))
      .slice(-30)
      .join("\n");
  };
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`bench-pg: ${name} exited unexpectedly (code ${code}, signal ${signal})`);
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode}):\n${log()}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not answer within 60 s:\n${log()}`);
    await sleep(200);
  }
  return { name, url, port, child, log };
}

// ---- nginx ----------------------------------------------------------------------------------------

type Nginx = { url: string; child: ChildProcess; cpu: () => number; log: () => string };

async function startNginx(label: string, upstreams: [Instance] | [Instance, Instance]): Promise<Nginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} missing: run bash tests/support/ensure-nginx.sh`);
  if (!fs.existsSync(NGINX_TEMPLATE))
    throw new Error(`${NGINX_TEMPLATE} missing (the scale-out tests' nginx configuration)`);
  const dir = tempDir(`cui-pg-nginx-${label}-`);
  fs.chmodSync(dir, 0o777); // worker processes run as nobody when we are root
  const port = await freePort();
  const site = renderTemplate(
    fs.readFileSync(NGINX_TEMPLATE, "utf8"),
    nginxTemplateValues(
      port,
      upstreams.map((instance) => `127.0.0.1:${instance.port}`) as [string] | [string, string],
    ),
  );
  fs.writeFileSync(path.join(dir, "count-us-in.conf"), site);
  const temp = (name: string) => `${name}_temp_path ${path.join(dir, name)};`;
  fs.writeFileSync(
    path.join(dir, "nginx.conf"),
    [
      process.getuid?.() === 0 ? "user nobody nogroup;" : "",
      "worker_processes 1;",
      `pid ${path.join(dir, "nginx.pid")};`,
      `error_log ${path.join(dir, "error.log")} warn;`,
      "events { worker_connections 4096; }",
      "http {",
      `  access_log off;`,
      `  ${temp("client_body")} ${temp("proxy")} ${temp("fastcgi")} ${temp("uwsgi")} ${temp("scgi")}`,
      `  include ${path.join(dir, "count-us-in.conf")};`,
      "}",
      "",
    ].join("\n"),
  );
  const args = ["-p", dir, "-c", path.join(dir, "nginx.conf"), "-e", path.join(dir, "error.log")];
  const check = spawnSync(NGINX, [...args, "-t"], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}\n--- site:\n${site}`);
  const child = spawn(NGINX, [...args, "-g", "daemon off;"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = track(child, `nginx-${label}`);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not yet
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`nginx (${label}) did not start:\n${log()}`);
    await sleep(100);
  }
  return {
    url,
    child,
    cpu: () => groupCpuSeconds(child.pid!),
    log: () => `${log()}\n${fs.readFileSync(path.join(dir, "error.log"), "utf8")}`,
  };
}

// ---- wrk ------------------------------------------------------------------------------------------

type WrkResult = {
  label: string;
  seconds: number;
  requests: number;
  ok2xx: number;
  non2xx: number;
  socketErrors: number;
  statuses: Record<string, number>;
  okPerSecond: number;
  latencyMs: { mean: number; p50: number; p90: number; p99: number; max: number };
  generatorCpuSeconds: number;
};

type WrkLoad = { stop: () => void; result: Promise<WrkResult> };

function startWrk(
  label: string,
  url: string,
  mode: "get" | "sign",
  seconds: number,
  options: { connections?: number; prefix?: string; secret?: string } = {},
): WrkLoad {
  const connections = options.connections ?? CONNECTIONS;
  const args = [
    `-t${Math.min(THREADS, connections)}`,
    `-c${connections}`,
    `-d${seconds}s`,
    "--timeout",
    "10s",
    "-s",
    LUA,
    url,
    "--",
    mode,
    ...(mode === "sign" ? [options.prefix!, options.secret!] : []),
  ];
  const child = spawn("wrk", args, { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  const log = track(child, `wrk ${label}`);
  let cpu = 0;
  const sampler = setInterval(() => (cpu = Math.max(cpu, groupCpuSeconds(child.pid!))), 250);
  let stdout = "";
  child.stdout!.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  const result = new Promise<WrkResult>((resolve, reject) => {
    child.once("exit", (code) => {
      clearInterval(sampler);
      const line = stdout.split("\n").find((l) => l.startsWith("WRKJSON "));
      if (!line) return reject(new Error(`wrk ${label} (exit ${code}) gave no result:\n${log()}`));
      const raw = JSON.parse(line.slice("WRKJSON ".length)) as {
        requests: number;
        durationUs: number;
        errors: { connect: number; read: number; write: number; status: number; timeout: number };
        statuses: Record<string, number>;
        latencyUs: { mean: number; p50: number; p90: number; p99: number; max: number };
      };
      const ok = Object.entries(raw.statuses)
        .filter(([status]) => status.startsWith("2"))
        .reduce((sum, [, n]) => sum + n, 0);
      const answered = Object.values(raw.statuses).reduce((sum, n) => sum + n, 0);
      const secs = raw.durationUs / 1e6;
      const ms = (us: number) => Number((us / 1000).toFixed(1));
      resolve({
        label,
        seconds: Number(secs.toFixed(2)),
        requests: raw.requests,
        ok2xx: ok,
        non2xx: answered - ok,
        socketErrors: raw.errors.connect + raw.errors.read + raw.errors.write + raw.errors.timeout,
        statuses: raw.statuses,
        okPerSecond: Math.round(ok / secs),
        latencyMs: {
          mean: ms(raw.latencyUs.mean),
          p50: ms(raw.latencyUs.p50),
          p90: ms(raw.latencyUs.p90),
          p99: ms(raw.latencyUs.p99),
          max: ms(raw.latencyUs.max),
        },
        generatorCpuSeconds: Number(cpu.toFixed(1)),
      });
    });
  });
  return {
    // wrk prints its summary on SIGINT.
    stop: () => {
      try {
        process.kill(child.pid!, "SIGINT");
      } catch {
        // gone
      }
    },
    result,
  };
}

const runWrk = (...args: Parameters<typeof startWrk>) => startWrk(...args).result;

// ---- the run --------------------------------------------------------------------------------------

function describe(r: WrkResult): string {
  return (
    `${r.label}: ${r.okPerSecond} ok/s (${r.ok2xx} 2xx in ${r.seconds} s), p50 ${r.latencyMs.p50} ms, ` +
    `p99 ${r.latencyMs.p99} ms, non-2xx ${r.non2xx}, socket errors ${r.socketErrors}, wrk CPU ${r.generatorCpuSeconds} s`
  );
}

async function main() {
  applyPriority();
  ensureBuild();
  const quietShare = process.env.BENCH_WAIT_QUIET === "0" ? undefined : await waitForQuiet();
  const name = `cui_bench_${process.pid}_${randomBytes(4).toString("hex")}`;
  const url = databaseUrl(name);
  const dir = tempDir("cui-pg-bench-");
  const secret = randomBytes(32).toString("base64url");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: url,
    APP_SECRET: randomBytes(32).toString("base64url"),
    VOLUNTEER_KEYS: `bench:${randomBytes(32).toString("base64url")}`,
    PLEDGE_API_KEYS: `bench:${secret}`,
    TRUSTED_PROXY_HOPS: "1",
  };
  for (const key of ["SMTP_URL", "DATABASE_PROVIDER", "VOLUNTEER_KEY_ID", "PORT"]) delete env[key];

  console.log(`bench-pg: database ${name} on ${new URL(SERVER_URL).host}`);
  await adminQuery(SERVER_URL, `CREATE DATABASE "${name}"`);
  const stats = new pg.Client({ connectionString: SERVER_URL });
  await stats.connect();
  const instances: Instance[] = [];
  const proxies: Nginx[] = [];
  try {
    const migrate = spawnSync("npm", ["run", "--silent", "db:deploy"], { cwd: root, env, encoding: "utf8" });
    if (migrate.status !== 0) throw new Error(`db:deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);
    const [settings] = await adminQuery<{ max: string; sync: string }>(
      SERVER_URL,
      "SELECT current_setting('max_connections') AS max, current_setting('synchronous_commit') AS sync",
    );

    const app1 = await startInstance("app1", env, path.join(dir, "app1"), false);
    const app2 = await startInstance("app2", env, path.join(dir, "app2"), false);
    instances.push(app1, app2);
    const nginxOne = await startNginx("one", [app1]);
    const nginxTwo = await startNginx("two", [app1, app2]);
    proxies.push(nginxOne, nginxTwo);
    console.log(
      `bench-pg: ${os.availableParallelism()} cores, ${SECONDS} s per load, ${CONNECTIONS} connections, wrk ${THREADS} threads`,
    );

    if (WARMUP_SECONDS > 0) {
      console.log(`bench-pg: warm-up ${WARMUP_SECONDS} s per path`);
      for (const [label, target] of [
        ["app1", app1.url],
        ["app2", app2.url],
        ["nginx-two", nginxTwo.url],
      ] as const) {
        await runWrk(`warm ${label} health`, `${target}/api/health`, "get", WARMUP_SECONDS);
        await runWrk(`warm ${label} count`, `${target}/api/pledge/count`, "get", WARMUP_SECONDS);
        await runWrk(`warm ${label} sign`, `${target}/api/pledge`, "sign", WARMUP_SECONDS, {
          prefix: `warm-${label}`,
          secret,
        });
      }
    }

    const cpuNow = (): Cpu => ({
      app1: groupCpuSeconds(app1.child.pid!),
      app2: groupCpuSeconds(app2.child.pid!),
      nginx: nginxOne.cpu() + nginxTwo.cpu(),
      postgres: commandCpuSeconds("postgres"),
      machine: machineBusyCpuSeconds(),
    });
    const cpuDiff = (before: Cpu, after: Cpu, generator: number) => {
      const out: Cpu = {};
      for (const key of Object.keys(before)) out[key] = Number((after[key]! - before[key]!).toFixed(1));
      out.wrk = generator;
      out.other = Number(
        Math.max(0, out.machine! - out.app1! - out.app2! - out.nginx! - out.postgres! - generator).toFixed(1),
      );
      return out;
    };

    const countRows = async (prefix: string) =>
      Number(
        (
          await adminQuery<{ n: string }>(
            url,
            `SELECT count(*) AS n FROM "Signature" WHERE "email" LIKE $1`,
            [`${prefix}-%`],
          )
        )[0]!.n,
      );

    type Path = { key: string; label: string; url: string };
    const paths: Path[] = [
      { key: "A", label: "app1 direct", url: app1.url },
      { key: "B", label: "nginx -> app1", url: nginxOne.url },
      { key: "C", label: "nginx -> app1 + app2", url: nginxTwo.url },
    ];
    const measured: Record<string, unknown> = {};
    for (const p of paths) {
      console.log(`bench-pg: (${p.key}) ${p.label}`);
      const cpu0 = cpuNow();
      const health = await runWrk(
        `(${p.key}) GET /api/health, ${p.label}`,
        `${p.url}/api/health`,
        "get",
        SECONDS,
      );
      const healthCpu = cpuDiff(cpu0, cpuNow(), health.generatorCpuSeconds);
      console.log(`  ${describe(health)}`);
      const prefix = `sign${p.key.toLowerCase()}`;
      const before = await dbStats(stats, name);
      const sampling = connectionSampler(stats, name);
      const cpu1 = cpuNow();
      const sign = await runWrk(
        `(${p.key}) POST /api/pledge, ${p.label}`,
        `${p.url}/api/pledge`,
        "sign",
        SECONDS,
        {
          prefix,
          secret,
        },
      );
      const signCpu = cpuDiff(cpu1, cpuNow(), sign.generatorCpuSeconds);
      const connections = await sampling();
      await sleep(500); // requests in flight when wrk stopped finish committing
      const after = await dbStats(stats, name);
      const stored = await countRows(prefix);
      const perSignUp = perItem(before, after, stored);
      console.log(`  ${describe(sign)}`);
      console.log(
        `  stored ${stored} (2xx ${sign.ok2xx}); per sign-up: ${JSON.stringify(perSignUp)}; connections ${JSON.stringify(connections)}; CPU s ${JSON.stringify(signCpu)}`,
      );
      measured[p.key] = { path: p.label, health, healthCpu, sign, signCpu, stored, perSignUp, connections };
    }

    // (D) reads beside signing, through nginx -> app1 + app2
    const readSeconds = Math.max(5, Math.round(SECONDS / 2));
    console.log(`bench-pg: (D) reads for ${readSeconds} s each while signing through nginx -> app1 + app2`);
    const readConnections = Math.max(2, Math.round(CONNECTIONS / 2));
    const background = startWrk(
      "(D) background POST /api/pledge",
      `${nginxTwo.url}/api/pledge`,
      "sign",
      3_600,
      {
        prefix: "signd",
        secret,
      },
    );
    let healthUnder: WrkResult;
    let countUnder: WrkResult;
    const cpu2 = cpuNow();
    try {
      await sleep(2_000);
      healthUnder = await runWrk(
        "(D) GET /api/health while signing",
        `${nginxTwo.url}/api/health`,
        "get",
        readSeconds,
        {
          connections: readConnections,
        },
      );
      countUnder = await runWrk(
        "(D) GET /api/pledge/count while signing",
        `${nginxTwo.url}/api/pledge/count`,
        "get",
        readSeconds,
        { connections: readConnections },
      );
    } finally {
      background.stop();
    }
    const backgroundSign = await background.result;
    const mixedCpu = cpuDiff(
      cpu2,
      cpuNow(),
      backgroundSign.generatorCpuSeconds + healthUnder.generatorCpuSeconds + countUnder.generatorCpuSeconds,
    );
    console.log(`  ${describe(healthUnder)}\n  ${describe(countUnder)}\n  ${describe(backgroundSign)}`);
    const countHeaders = (await fetch(`${nginxTwo.url}/api/pledge/count`)).headers.get("cache-control");
    measured.D = { healthUnder, countUnder, backgroundSign, cpu: mixedCpu, countCacheControl: countHeaders };

    // The mail worker's share: what sending each queued email costs the database.
    let mail: Record<string, unknown> | undefined;
    if (process.env.BENCH_PG_MAIL !== "0") {
      stopping = true;
      for (const proxy of proxies) await stopChild(proxy.child, "SIGQUIT");
      for (const instance of instances) await stopChild(instance.child);
      const pendingSql = `SELECT count(*) AS n FROM "OutboxMessage" WHERE "status" IN ('pending','sending')`;
      const pending0 = Number((await adminQuery<{ n: string }>(url, pendingSql))[0]!.n);
      const before = await dbStats(stats, name);
      const cpuBefore = commandCpuSeconds("postgres");
      const started = performance.now();
      const worker = await startInstance("mailer", env, path.join(dir, "mailer"), true);
      instances.push(worker);
      const workerCpu0 = groupCpuSeconds(worker.child.pid!);
      let pending = pending0;
      const limitMs = 60_000;
      while (pending > 0 && performance.now() - started < limitMs) {
        await sleep(1_000);
        pending = Number((await adminQuery<{ n: string }>(url, pendingSql))[0]!.n);
      }
      const workerCpu = groupCpuSeconds(worker.child.pid!) - workerCpu0;
      // Read while the worker's backends are alive: an exited backend's CPU leaves /proc with it.
      const postgresCpu = commandCpuSeconds("postgres") - cpuBefore;
      await stopChild(worker.child);
      const seconds = (performance.now() - started) / 1000;
      const after = await dbStats(stats, name);
      const sent = pending0 - pending;
      mail = {
        queued: pending0,
        sent,
        seconds: Number(seconds.toFixed(1)),
        perSecond: Math.round(sent / seconds),
        drained: pending === 0,
        perEmail: perItem(before, after, sent),
        workerCpuMsPerEmail: Number(((workerCpu * 1000) / Math.max(1, sent)).toFixed(3)),
        postgresCpuMsPerEmail: Number(((postgresCpu * 1000) / Math.max(1, sent)).toFixed(3)),
      };
      console.log(`bench-pg: mail worker: ${JSON.stringify(mail)}`);
    }

    const summary = {
      date: new Date().toISOString(),
      machine: {
        cores: os.availableParallelism(),
        cpu: os.cpus()[0]?.model ?? "unknown",
        node: process.version,
        loadGeneratorOnSameMachine: true,
        busyShareBeforeStart: quietShare === undefined ? undefined : Number(quietShare.toFixed(2)),
      },
      settings: {
        seconds: SECONDS,
        connections: CONNECTIONS,
        wrkThreads: THREADS,
        readSeconds,
        readConnections,
        warmUpSeconds: WARMUP_SECONDS,
        postgres: { maxConnections: Number(settings!.max), synchronousCommit: settings!.sync },
        poolMaxPerInstance: POOL_MAX_PER_INSTANCE,
        nginxTemplate: path.relative(root, NGINX_TEMPLATE),
        nice: process.env.BENCH_NICE ?? "unchanged",
      },
      measured,
      mail,
    };
    fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
    fs.writeFileSync(RESULTS, `${JSON.stringify(summary, null, 2)}\n`);
    printTable(summary);
    console.log(`\nbench-pg: results written to ${path.relative(root, RESULTS)}`);
  } catch (error) {
    for (const instance of instances)
      console.error(`--- ${instance.name}:\n${instance.log().split("\n").slice(-20).join("\n")}`);
    for (const proxy of proxies)
      console.error(`--- nginx:\n${proxy.log().split("\n").slice(-20).join("\n")}`);
    throw error;
  } finally {
    stopping = true;
    for (const proxy of proxies) await stopChild(proxy.child, "SIGQUIT", 3_000);
    for (const instance of instances) await stopChild(instance.child);
    await stats.end();
    await adminQuery(SERVER_URL, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

type Loads = {
  health: WrkResult;
  sign: WrkResult;
  signCpu: Cpu;
  stored: number;
  perSignUp: ReturnType<typeof perItem>;
  connections: { max: number; maxActive: number };
};

/** The figures, each beside its baseline, and the projection for 8 instances on separate machines. */
function printTable(summary: {
  measured: Record<string, unknown>;
  settings: { postgres: { maxConnections: number } };
  mail?: Record<string, unknown>;
}) {
  const a = summary.measured.A as Loads;
  const b = summary.measured.B as Loads;
  const c = summary.measured.C as Loads;
  const d = summary.measured.D as {
    healthUnder: WrkResult;
    countUnder: WrkResult;
    backgroundSign: WrkResult;
  };
  const pct = (x: number, y: number) => `${Math.round((100 * x) / Math.max(1, y))}%`;
  const cpuMsPer = (load: Loads, key: string) => (load.signCpu[key]! * 1000) / Math.max(1, load.sign.ok2xx);
  const rows: [string, string, string][] = [];
  for (const [load, label] of [
    [a, "(A) app1 direct"],
    [b, "(B) nginx -> app1"],
    [c, "(C) nginx -> app1 + app2"],
  ] as const) {
    rows.push([
      `${label}: signing`,
      `${load.sign.okPerSecond}/s, p99 ${load.sign.latencyMs.p99} ms, non-2xx ${load.sign.non2xx}, stored ${load.stored} of ${load.sign.ok2xx} 2xx`,
      `GET /api/health same path ${load.health.okPerSecond}/s (signing ${pct(load.sign.okPerSecond, load.health.okPerSecond)} of it)`,
    ]);
    rows.push([
      `${label}: database per sign-up`,
      `${load.perSignUp.commitsPerItem} commits (${load.perSignUp.itemsPerCommit} sign-ups/commit), ${load.perSignUp.tuplesInsertedPerItem} rows inserted, ${load.perSignUp.tuplesUpdatedPerItem} updated, ${load.perSignUp.blocksHitPerItem} blocks hit, ${load.perSignUp.walBytesPerItem} B WAL; PostgreSQL CPU ${cpuMsPer(load, "postgres").toFixed(2)} ms; connections max ${load.connections.max} (active ${load.connections.maxActive})`,
      `app CPU ${((cpuMsPer(load, "app1") + cpuMsPer(load, "app2")) as number).toFixed(2)} ms per sign-up; deadlocks ${load.perSignUp.deadlocks}`,
    ]);
  }
  rows.push([
    "scaling ratio, one instance -> two (same nginx path)",
    `${(c.sign.okPerSecond / Math.max(1, b.sign.okPerSecond)).toFixed(2)}x (C/B)`,
    `health through the same path: ${(c.health.okPerSecond / Math.max(1, b.health.okPerSecond)).toFixed(2)}x; two behind nginx vs one direct: ${(c.sign.okPerSecond / Math.max(1, a.sign.okPerSecond)).toFixed(2)}x`,
  ]);
  rows.push([
    "(D) count reads while signing, nginx -> app1 + app2",
    `${d.countUnder.okPerSecond}/s, p99 ${d.countUnder.latencyMs.p99} ms, non-2xx ${d.countUnder.non2xx}`,
    `GET /api/health beside the same signing ${d.healthUnder.okPerSecond}/s (${pct(d.countUnder.okPerSecond, d.healthUnder.okPerSecond)}); signing meanwhile ${d.backgroundSign.okPerSecond}/s`,
  ]);
  const perInstance = a.sign.okPerSecond;
  const commits = 8 * perInstance * a.perSignUp.commitsPerItem;
  rows.push([
    "projection: 8 instances on separate machines",
    `${8 * perInstance} sign-ups/s if each does (A)'s ${perInstance}/s: ${Math.round(commits)} commits/s at (A)'s batching, ${Math.round((8 * perInstance * a.perSignUp.walBytesPerItem) / 1024)} KiB/s WAL, ${((8 * perInstance * cpuMsPer(a, "postgres")) / 1000).toFixed(1)} PostgreSQL cores`,
    `connections: up to ${8 * POOL_MAX_PER_INSTANCE} for 8 web pools + ${POOL_MAX_PER_INSTANCE} per mail worker, of max_connections ${summary.settings.postgres.maxConnections}`,
  ]);
  if (summary.mail) {
    const perEmail = summary.mail.perEmail as ReturnType<typeof perItem>;
    rows.push([
      "mail worker: database per email sent (.eml)",
      `${perEmail.commitsPerItem} commits, ${perEmail.tuplesUpdatedPerItem} rows updated, ${perEmail.walBytesPerItem} B WAL; ${String(summary.mail.perSecond)}/s`,
      `PostgreSQL CPU ${String(summary.mail.postgresCpuMsPerEmail)} ms, worker CPU ${String(summary.mail.workerCpuMsPerEmail)} ms per email; drained ${String(summary.mail.drained)}`,
    ]);
  }
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  console.log("");
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join(" | "));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
