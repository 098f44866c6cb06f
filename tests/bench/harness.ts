// Shared plumbing for the benchmarks (run.ts, profile.ts): build check, servers on free ports in their own
// process groups, autocannon loads in child processes, and a cleanup that kills every process started
// here however the run ends (normal exit, thrown error, Ctrl-C).
import { type ChildProcess, fork, spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LoadConfig, LoadResult } from "@/tests/bench/load-worker";

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, "../..");

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- cleanup -------------------------------------------------------------------------------------

const groups = new Set<number>();
const tempDirs = new Set<string>();

/** Kills every process group started here (SIGKILL) and removes temp dirs unless BENCH_KEEP=1. */
function killAll() {
  for (const pid of groups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  groups.clear();
  if (process.env.BENCH_KEEP !== "1")
    for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const)
  process.on(signal, () => {
    console.error(`\nbench: ${signal}, stopping servers`);
    killAll();
    process.exit(130);
  });

export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/** Asks a process group to stop (SIGTERM to the leader), then SIGKILLs the group after `graceMs`. */
async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  const pid = child.pid!;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
    await Promise.race([exited, sleep(graceMs)]);
  }
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // group already empty
  }
  groups.delete(pid);
}

// ---- build ---------------------------------------------------------------------------------------

const SOURCES = ["app", "lib", "components", "content", "prisma", "next.config.ts", "instrumentation.ts"];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const name of fs.readdirSync(entry)) {
    if (name === "generated" || name === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(entry, name)));
  }
  return newest;
}

/**
 * A production build must exist and be newer than the sources. BENCH_BUILD=auto (default) builds when
 * .next/BUILD_ID is missing or older than any file under app/, lib/, components/, content/, prisma/;
 * always: build every run; never: use whatever is there.
 */
export function ensureBuild(): void {
  const mode = process.env.BENCH_BUILD ?? "auto";
  const buildId = path.join(root, ".next/BUILD_ID");
  let reason: string | undefined;
  if (mode === "always") reason = "BENCH_BUILD=always";
  else if (mode !== "never") {
    const built = fs.statSync(buildId, { throwIfNoEntry: false })?.mtimeMs;
    if (built === undefined) reason = "no production build (.next/BUILD_ID)";
    else if (Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s)))) > built)
      reason = "sources changed since the last build";
  }
  if (!reason) return;
  console.log(`bench: npm run build (${reason})`);
  const build = spawnSync("npm", ["run", "build"], { cwd: root, stdio: "inherit" });
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`);
}

// ---- servers -------------------------------------------------------------------------------------

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address() as net.AddressInfo;
      server.close(() => resolve(address.port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`server exited (code ${child.exitCode}) before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export type Server = {
  url: string;
  pid: number;
  stop: (graceMs?: number) => Promise<void>;
  log: () => string;
};

function capture(child: ChildProcess, prefix: string) {
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim()) lines.push(line);
    if (lines.length > 400) lines.splice(0, lines.length - 400);
    if (process.env.BENCH_VERBOSE === "1") process.stderr.write(`${prefix} ${chunk.toString()}`);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return () => lines.join("\n");
}

export type NextServerOptions = {
  dbFile: string;
  dataDir: string;
  /** Write a V8 CPU profile of the server process here (written when it stops). */
  cpuProfDir?: string;
  /** Settings on top of the benchmark's own (e.g. SIGNING_FAST_PATH=false for a before/after). */
  env?: Record<string, string>;
};

/**
 * Migrates a fresh SQLite file, then the production server (lib/platform/serve.mjs) on a free port: what
 * `npm run start -- -p PORT` does.
 */
export async function startNextServer(
  options: NextServerOptions,
): Promise<Server & { env: NodeJS.ProcessEnv }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: `file:${options.dbFile}`,
    DATA_DIR: options.dataDir,
    SITE_URL: url,
    MAIL_WORKER: process.env.BENCH_MAIL_WORKER ?? "true",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  // The embedded default, whatever the calling shell has: SQLite, mail to .eml files, default rate limit.
  delete env.SMTP_URL;
  delete env.SIGNUPS_PER_IP_PER_MINUTE;
  delete env.DATABASE_PROVIDER;
  // The load generator plays the one proxy in front: each request's X-Forwarded-For is its client.
  env.TRUSTED_PROXY_HOPS = "1";
  // Signing through POST /api/pledge needs a partner key (or a solved challenge): the loads are a partner.
  env.PLEDGE_API_KEYS = `${BENCH_PARTNER_ID}:${BENCH_PARTNER_KEY}`;
  Object.assign(env, options.env);

  const migrate = spawnSync("npm", ["run", "--silent", "db:deploy"], { cwd: root, env, encoding: "utf8" });
  if (migrate.status !== 0) throw new Error(`db:deploy failed:\n${migrate.stdout}\n${migrate.stderr}`);

  const nodeArgs = options.cpuProfDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfDir}`, "--cpu-prof-interval=500"]
    : [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, path.join(root, "lib/platform/serve.mjs"), "-p", String(port), "-H", "127.0.0.1"],
    { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  groups.add(child.pid!);
  const log = capture(child, "[next]");
  try {
    await waitForHttp(`${url}/api/health`, child);
  } catch (error) {
    console.error(log());
    throw error;
  }
  return { url, pid: child.pid!, stop: (graceMs?: number) => stopGroup(child, graceMs), log, env };
}

/** tests/bench/bare-server.ts on a free port, its SQLite file at `dbFile`. */
export async function startBareServer(dbFile: string): Promise<Server> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(here, "bare-server.ts")], {
    cwd: root,
    env: { ...process.env, NODE_ENV: "production", BARE_DB: dbFile, PORT: "0" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  groups.add(child.pid!);
  const log = capture(child, "[bare]");
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    const timer = setTimeout(() => reject(new Error(`bare server did not start:\n${log()}`)), 30_000);
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const match = /\{"listening":(\d+)\}/.exec(buffered);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once("exit", (code) => reject(new Error(`bare server exited (${code}):\n${log()}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  await waitForHttp(`${url}/health`, child);
  return { url, pid: child.pid!, stop: (graceMs?: number) => stopGroup(child, graceMs), log };
}

/**
 * The partner key every signing load sends (`Authorization: Bearer …`); the Next.js server started here
 * gets PLEDGE_API_KEYS="bench:<key>". 43 URL-safe characters, fresh per run unless BENCH_PARTNER_KEY is set.
 */
export const BENCH_PARTNER_ID = "bench";
export const BENCH_PARTNER_KEY =
  process.env.BENCH_PARTNER_KEY || crypto.randomBytes(32).toString("base64url");
export const benchAuthorization = `Bearer ${BENCH_PARTNER_KEY}`;

// ---- loads ---------------------------------------------------------------------------------------

export type Load = { pid: number; result: Promise<LoadResult>; stop: () => void };

/** Runs one autocannon load in a child process; `stop()` ends an open-ended one early. */
export function startLoad(config: Omit<LoadConfig, "type">): Load {
  const child = fork(path.join(here, "load-worker.ts"), [], {
    cwd: root,
    execArgv: ["--import", "tsx"],
    detached: true,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  groups.add(child.pid!);
  let stopped = false;
  const result = new Promise<LoadResult>((resolve, reject) => {
    child.on("message", (message: { type: string; result?: LoadResult }) => {
      if (message.type === "ready") child.send({ type: "run", ...config });
      else if (message.type === "result") resolve(message.result!);
    });
    child.once("exit", (code) => {
      groups.delete(child.pid!);
      reject(new Error(`load "${config.label}" exited (${code}) without a result`));
    });
  });
  return {
    pid: child.pid!,
    result,
    stop: () => {
      if (stopped) return;
      stopped = true;
      if (child.connected) child.send({ type: "stop" });
    },
  };
}

export const runLoad = (config: Omit<LoadConfig, "type">) => startLoad(config).result;

// ---- CPU accounting ------------------------------------------------------------------------------

const CLOCK_TICKS = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

/**
 * CPU seconds (user + system) used so far by every live process in process group `pgid` (Linux /proc).
 * Sampled before and after a load, the difference is what that load cost the server, on any core.
 */
export function groupCpuSeconds(pgid: number): number {
  let ticks = 0;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue;
    }
    // Fields after the parenthesised command name: state ppid pgrp ... utime(14) stime(15).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (Number(fields[2]) !== pgid) continue;
    ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / CLOCK_TICKS;
}

// ---- other commands ------------------------------------------------------------------------------

/** Runs a command in its own (tracked) process group; resolves with its exit code and output. */
export function runTracked(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; echo?: boolean } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command, args, {
    cwd: root,
    env: options.env ?? process.env,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  groups.add(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    if (options.echo) process.stdout.write(chunk);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    if (options.echo) process.stderr.write(chunk);
  });
  return new Promise((resolve) =>
    child.once("close", (code) => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // group already empty
      }
      groups.delete(child.pid!);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** CPU seconds the whole machine spent busy (all cores, /proc/stat), for spotting other work on it. */
export function machineBusyCpuSeconds(): number {
  const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = fields.map(Number);
  return (user! + nice! + system! + irq! + softirq! + steal!) / CLOCK_TICKS;
}

/**
 * Waits until the machine is quiet (busy below `maxBusyShare` of all cores over a 3-second sample), up to
 * `timeoutMs`. Other work on a 2-core machine skews every figure; returns the last busy share seen.
 */
export async function waitForQuiet(maxBusyShare = 0.15, timeoutMs = 180_000): Promise<number> {
  const cores = os.availableParallelism();
  const deadline = Date.now() + timeoutMs;
  let share = 1;
  let warned = false;
  while (Date.now() < deadline) {
    const before = machineBusyCpuSeconds();
    await sleep(3_000);
    share = (machineBusyCpuSeconds() - before) / (3 * cores);
    if (share <= maxBusyShare) return share;
    if (!warned) {
      console.log(
        `bench: machine is ${Math.round(share * 100)}% busy with other work; waiting for it to settle`,
      );
      warned = true;
    }
  }
  console.log(`bench: WARNING: still ${Math.round(share * 100)}% busy with other work; measuring anyway`);
  return share;
}

/**
 * BENCH_NICE=-10 (root only) runs this process, and so every server and load generator it starts, at a
 * higher scheduling priority than other work on a shared machine. Every figure and baseline gets the same
 * priority; the default leaves it alone.
 */
export function applyPriority(): void {
  const nice = process.env.BENCH_NICE;
  if (!nice) return;
  os.setPriority(Number(nice));
  console.log(`bench: running at nice ${os.getPriority()} (BENCH_NICE)`);
}
