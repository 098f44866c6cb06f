import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const hooks = pathToFileURL(path.join(root, "tests/support/stand-in-next-hooks.mjs")).href;
const register = `data:text/javascript,import { register } from "node:module"; register(${JSON.stringify(hooks)});`;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
});

/** lib/platform/serve.mjs with "next" replaced by a stand-in that echoes the headers it gets. */
async function startEntry(args: string[]) {
  // As a shell would start it: no NODE_ENV (the entry sets production itself), no PORT.
  const { NODE_ENV: _ignored, ...inherited } = process.env;
  void _ignored;
  const env = { ...inherited, PORT: "" } as unknown as NodeJS.ProcessEnv;
  const started = spawn(process.execPath, ["--import", register, "lib/platform/serve.mjs", ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child = started;
  let output = "";
  started.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  started.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "ready" line:\n${output}`)), 15_000);
    started.stdout!.on("data", () => {
      // The line is JSON (lib/platform/log-options.mjs): the address ends at the closing quote.
      const match = /ready on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    started.once("exit", (code) => reject(new Error(`exited (${code}):\n${output}`)));
  });
  // "close", not "exit": the output is all read by then.
  const exited = new Promise<number | null>((resolve) => started.once("close", (code) => resolve(code)));
  return { url, output: () => output, process: started, exited };
}

describe("npm start's server (lib/platform/serve.mjs)", () => {
  it("hands Next.js the connection's address in place of a forged one, then stops on SIGTERM once the outbox worker has", async () => {
    const server = await startEntry(["-p", "0", "-H", "127.0.0.1"]);
    expect(server.output()).toContain('prepared {"dev":false,"hostname":"127.0.0.1"}');

    const response = await fetch(server.url, {
      headers: { "x-count-us-in-peer": "198.51.100.1", "x-forwarded-for": "198.51.100.2" },
    });
    const seen = (await response.json()) as { headers: Record<string, string>; nodeEnv: string };
    expect(seen.headers["x-count-us-in-peer"]).toBe("127.0.0.1");
    expect(seen.headers["x-forwarded-for"]).toBe("198.51.100.2");
    expect(seen.nodeEnv).toBe("production");

    server.process.kill("SIGTERM");
    expect(await server.exited).toBe(143);
    expect(server.output()).toContain("stand-in: closed");
    expect(server.output()).toContain("stand-in: outbox worker stopped");
  });

  it("refuses an argument it does not know, instead of ignoring it", async () => {
    const run = spawn(process.execPath, ["lib/platform/serve.mjs", "--prot", "3100"], { cwd: root });
    let stderr = "";
    run.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise((resolve) => run.once("exit", resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('unknown argument "--prot"');
  });
});
