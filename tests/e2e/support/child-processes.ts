import { type ChildProcess, spawn } from "node:child_process";
import net from "node:net";

// The processes an end-to-end spec starts for itself (production servers, PostgreSQL, nginx): each in a
// process group of its own, so one kill takes it and everything it started, with the last lines of its
// output kept for the message when something goes wrong. Used by support/scale-out-stack.ts and by the
// specs that run a server of their own.

export const LOCALHOST = "127.0.0.1";

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once("error", reject).listen(0, LOCALHOST, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Stops a process and everything in its group (each is started detached, a group of its own). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // the group is already gone
  }
}

export type Spawned = { child: ChildProcess; exited: Promise<void>; log: () => string };

export const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Spawns `command` detached (its own process group), keeping the last lines of its output. */
export function spawnKeepingLog(
  command: string,
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv },
  running: Set<ChildProcess>,
): Spawned {
  const child = spawn(command, args, { ...options, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    if (lines.length > 300) lines.splice(0, lines.length - 300);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => {
    if (hasExited(child)) resolve();
    else child.once("exit", () => resolve());
  });
  child.once("error", (error) => lines.push(`spawn failed: ${error.message}`));
  void exited.then(() => running.delete(child));
  return { child, exited, log: () => lines.join("\n") };
}

/**
 * Resolves once `url`/api/health answers 200; throws with the server's last lines (and what the last try
 * got) if it exits first or does not answer in time.
 */
export async function waitUntilServing(
  url: string,
  server: Pick<Spawned, "child" | "log">,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // What the last try got, so a failure says whether nothing listened, an answer was slow, or it was not ok.
  let lastTry = "no try finished";
  while (Date.now() < deadline) {
    if (hasExited(server.child)) throw new Error(`${url} exited before it answered:\n${server.log()}`);
    const startedAt = Date.now();
    try {
      // A first request on a busy machine may take seconds (the route's code is loaded then): wait for it.
      const response = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(10_000) });
      if (response.ok) return;
      lastTry = `HTTP ${response.status} after ${Date.now() - startedAt} ms`;
    } catch (error) {
      lastTry = `${String((error as Error).cause ?? (error as Error).message)} after ${Date.now() - startedAt} ms`;
    }
    await sleep(100);
  }
  throw new Error(
    `${url}/api/health did not answer within ${timeoutMs} ms (last try: ${lastTry}):\n${server.log()}`,
  );
}
