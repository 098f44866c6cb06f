import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// lib/platform/serve.mjs gives every request an id and answers it inside an AsyncLocalStorage, so a line
// the app logs while answering (through lib/platform/log.ts) carries the same id as the access line and
// the X-Request-Id response header. Next.js is replaced by a stand-in whose handler logs through the real
// logger (tests/support/stand-in-next-logging.mjs), so no production build is needed.

const root = path.resolve(__dirname, "../..");
const hooks = pathToFileURL(path.join(root, "tests/support/stand-in-next-logging-hooks.mjs")).href;
const register = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(hooks)});`;

type Line = Record<string, unknown>;
let child: ChildProcess;
let url: string;
let output = "";
const lines = (): Line[] =>
  output
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Line);

beforeAll(async () => {
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  void _ignored;
  child = spawn(
    process.execPath,
    ["--import", "tsx", "--import", register, "lib/platform/serve.mjs", "-p", "0", "-H", "127.0.0.1"],
    {
      cwd: root,
      env: { ...inherited, PORT: "", LOG_LEVEL: "info" } as unknown as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "ready" line:\n${output}`)), 15_000);
    child.stdout!.on("data", () => {
      const match = /ready on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once("exit", (code) => reject(new Error(`exited (${code}):\n${output}`)));
  });
});
afterAll(() => {
  child?.kill("SIGKILL");
});

/** The lines logged for one request, once its access line is out. */
async function linesFor(requestId: string): Promise<Line[]> {
  for (let tries = 0; tries < 50; tries++) {
    const mine = lines().filter((line) => line.reqId === requestId);
    if (mine.some((line) => line.msg === "request")) return mine;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no access line for ${requestId}:\n${output}`);
}

describe("request ids through npm start's server", () => {
  it("gives concurrent requests their own id, seen by Next.js, the handler's log line and the access line", async () => {
    const [slow, fast] = await Promise.all([
      fetch(`${url}/api/pledge?marker=slow&wait=60`),
      fetch(`${url}/api/pledge?marker=fast&wait=0`),
    ]);
    for (const [response, marker] of [
      [slow, "slow"],
      [fast, "fast"],
    ] as const) {
      const requestId = response.headers.get("x-request-id")!;
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(((await response.json()) as { seenRequestId: string }).seenRequestId).toBe(requestId);
      const mine = await linesFor(requestId);
      expect(mine.find((line) => line.msg === "inside the handler")).toMatchObject({ marker, level: "info" });
      expect(mine.find((line) => line.msg === "request")).toMatchObject({
        method: "GET",
        path: "/api/pledge",
        status: 200,
      });
    }
    expect(slow.headers.get("x-request-id")).not.toBe(fast.headers.get("x-request-id"));
  });

  it("keeps a proxy's id that looks like one and replaces one that does not", async () => {
    const proxyId = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    const kept = await fetch(`${url}/?marker=kept`, { headers: { "X-Request-Id": proxyId } });
    expect(kept.headers.get("x-request-id")).toBe(proxyId);
    expect(await linesFor(proxyId)).toHaveLength(2);

    const forged = `${"x".repeat(80)}"}`;
    const replaced = await fetch(`${url}/?marker=replaced`, { headers: { "X-Request-Id": forged } });
    expect(replaced.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(output).not.toContain("x".repeat(80));
  });

  it("logs an emailed link's path without its token or query string", async () => {
    const response = await fetch(`${url}/pledge/confirm/TOKEN-THAT-CONFIRMS?email=sam%40example.org`);
    const mine = await linesFor(response.headers.get("x-request-id")!);
    expect(mine.find((line) => line.msg === "request")).toMatchObject({ path: "/pledge/confirm/:token" });
    expect(output).not.toContain("TOKEN-THAT-CONFIRMS");
    expect(output).not.toContain("example.org");
  });
});
