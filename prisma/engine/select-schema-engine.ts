import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

// Prisma's CLI downloads a native schema engine it cannot fetch on our offline machines. Where that
// binary is absent, point the CLI at our WebAssembly stand-in (./main.mjs) instead; where it exists
// (a machine that could download it), let Prisma use its own. See prisma/README.md.

const SHIM = path.join(path.dirname(fileURLToPath(import.meta.url)), "main.mjs");

// `schema-engine-<binaryTarget>` (plus .exe on Windows); checksums and archives are skipped.
const NATIVE_BINARY = /^schema-engine-[a-z0-9.\-_]+?(\.exe)?$/;

/** The folders where Prisma 7's CLI looks for the native binary, in its order. */
function nativeEngineFolders(): string[] {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  const folders: string[] = [];
  for (const pkg of ["@prisma/engines", "prisma"]) {
    try {
      folders.push(path.dirname(require.resolve(`${pkg}/package.json`)));
    } catch {
      // not installed: nothing to find there
    }
  }
  return folders;
}

export function findNativeSchemaEngine(folders: string[] = nativeEngineFolders()): string | undefined {
  for (const folder of folders) {
    const entries = fs.existsSync(folder) ? fs.readdirSync(folder) : [];
    const name = entries.find((entry) => NATIVE_BINARY.test(entry) && !/\.(sha256|gz)$/.test(entry));
    if (name) return path.join(folder, name);
  }
  return undefined;
}

/**
 * Sets PRISMA_SCHEMA_ENGINE_BINARY to the shim unless the caller already chose an engine or Prisma's own
 * binary is installed. Returns the engine the CLI will use, for messages and tests.
 */
export function selectSchemaEngine(env: NodeJS.ProcessEnv = process.env): string {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return env.PRISMA_SCHEMA_ENGINE_BINARY;
  const native = findNativeSchemaEngine();
  if (native) return native;
  // The CLI executes the file directly; a checkout from an archive may have lost its executable bit.
  if (process.platform !== "win32" && (fs.statSync(SHIM).mode & 0o111) === 0) fs.chmodSync(SHIM, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = SHIM;
  return SHIM;
}
