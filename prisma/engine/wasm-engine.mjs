// Starts @prisma/schema-engine-wasm: the same Rust schema engine as the native binary, compiled to
// WebAssembly, reaching the database through a driver adapter instead of its own drivers.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { logFromEngine } from "./log.mjs";

const require = createRequire(import.meta.url);
// The package exports no ./package.json; any exported file locates its folder.
const WASM_DIR = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));

export function wasmEngineVersion() {
  return JSON.parse(fs.readFileSync(path.join(WASM_DIR, "package.json"), "utf8")).version;
}

/**
 * The package's own entry point imports the .wasm file as an ES module, which Node 20 only allows behind
 * --experimental-wasm-modules; instantiate it by hand with the generated JS bindings instead.
 * @param {string[]} datamodelPaths schema files named by the CLI (--datamodels)
 * @param {object} adapterFactory a factory already bound with bindMigrationAwareSqlAdapterFactory
 */
export async function startWasmEngine(datamodelPaths, adapterFactory) {
  const bindings = await import(pathToFileURL(path.join(WASM_DIR, "schema_engine_bg.js")).href);
  const wasmModule = new WebAssembly.Module(fs.readFileSync(path.join(WASM_DIR, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  const datamodels = datamodelPaths.map((file) => [file, fs.readFileSync(file, "utf8")]);
  return bindings.SchemaEngine.new(
    { datamodels: datamodels.length > 0 ? datamodels : undefined },
    logFromEngine,
    adapterFactory,
  );
}
