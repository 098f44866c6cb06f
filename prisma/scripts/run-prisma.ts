import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// Runs Prisma's CLI with our config, for the db:* scripts and the tests. Going through `node <cli>`
// rather than `npx prisma` keeps it fast and the same on every platform.

export const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PRISMA_CONFIG = path.join(PRISMA_DIR, "prisma.config.ts");

const require = createRequire(import.meta.url);
const CLI = path.join(path.dirname(require.resolve("prisma/package.json")), "build", "index.js");

export type PrismaRun = { code: number; stdout: string; stderr: string };

/**
 * @param env values laid over process.env; `undefined` removes a variable (e.g. a DATABASE_PROVIDER
 *   inherited from the caller's shell that would contradict the DATABASE_URL given here).
 * @param options.echo stream the CLI's output to ours (scripts) instead of only collecting it (tests).
 */
export function runPrisma(
  args: string[],
  env: Record<string, string | undefined> = {},
  options: { echo?: boolean } = {},
): Promise<PrismaRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env };
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete childEnv[key];
    else childEnv[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args, "--config", PRISMA_CONFIG], {
      env: childEnv,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      if (options.echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk;
      if (options.echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}
