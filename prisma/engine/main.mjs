#!/usr/bin/env node
// Offline stand-in for Prisma's native `schema-engine` binary, which Prisma's CLI downloads and our
// machines cannot. prisma/prisma.config.ts points PRISMA_SCHEMA_ENGINE_BINARY here only when the native
// binary is missing. The CLI speaks JSON-RPC over stdio to whatever that variable names; we answer with
// @prisma/schema-engine-wasm reaching the database through Prisma's driver adapters. See prisma/README.md.
import { createRequire } from "node:module";
import { createAdapterFactory, providerOf } from "./adapter-factory.mjs";
import { parseArgs } from "./args.mjs";
import { runCliCommand } from "./cli-commands.mjs";
import { log, routeNodeWarningsToLog } from "./log.mjs";
import { createMethods } from "./methods.mjs";
import { printToCli, serveJsonRpc } from "./rpc.mjs";
import { startWasmEngine, wasmEngineVersion } from "./wasm-engine.mjs";

const require = createRequire(import.meta.url);
const { bindMigrationAwareSqlAdapterFactory } = require("@prisma/driver-adapter-utils");

routeNodeWarningsToLog();

// Work that must happen before the process ends, however it ends (shadow databases to drop).
const cleanups = [];
const onExit = (cleanup) => cleanups.push(cleanup);
let exiting;
const exit = (code) =>
  (exiting ??= Promise.allSettled(cleanups.map((cleanup) => cleanup())).then(() => process.exit(code)));
// The CLI stops the engine by closing stdin, and kills it with SIGTERM when it does not go in time.
process.on("SIGTERM", () => exit(143)).on("SIGINT", () => exit(130));

let args;
try {
  args = parseArgs(process.argv.slice(2));
} catch (error) {
  log("ERROR", String(error.message));
  process.exit(1);
}

if (args.version) {
  process.stdout.write(`schema-engine-cli wasm-shim ${wasmEngineVersion()}\n`);
  process.exit(0);
}

const url = args.datasource.url;
// The wasm engine cannot work without a database, even for diffs between files (the native one can).
const noUrl = "schema engine (wasm): no datasource URL; set DATABASE_URL (see prisma/README.md)";

if (args.cliCommand) {
  if (!url) {
    log("INFO", `schema engine (wasm): cli ${args.cliCommand}`);
    log("ERROR", noUrl, { error_code: "P1012" });
    await exit(1);
  }
  await exit(await runCliCommand(args.cliCommand, providerOf(url), url));
} else {
  const adapter = url ? createAdapterFactory({ ...args.datasource, url }, onExit) : undefined;
  const startEngine = async () => {
    if (!adapter) throw Object.assign(new Error(noUrl), { code: "P1012" });
    return startWasmEngine(args.datamodels, bindMigrationAwareSqlAdapterFactory(adapter.factory));
  };
  const call = createMethods({
    startEngine,
    provider: adapter?.provider,
    rawFactory: adapter?.factory,
    print: printToCli,
  });
  await serveJsonRpc(call, exit);
  await exit(0);
}
