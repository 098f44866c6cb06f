// The JSON-RPC methods, forwarded to the wasm engine, with the places where it differs from the native
// binary that Prisma's CLI was written against put right.
import { emptySqliteDatabase } from "./sqlite.mjs";

// The CLI still asks for the version under its pre-wasm name.
const ALIASES = { getDatabaseVersion: "version" };

/**
 * @param {{ startEngine: () => Promise<object>, provider: "sqlite" | "postgresql", rawFactory: object,
 *           print: (text: string) => void }} deps
 *   startEngine is called on the first request, so that a failure to start (the wasm engine connects to the
 *   database straight away) is reported as the answer to that request instead of going unheard.
 *   rawFactory is the unbound adapter factory (throws instead of returning Result objects).
 * @returns {(method: string, params: any) => Promise<unknown>}
 */
export function createMethods({ startEngine, provider, rawFactory, print }) {
  let started;
  return async function call(method, params) {
    const name = ALIASES[method] ?? method;
    if (name === "reset" && provider === "sqlite") {
      await emptySqliteDatabase(rawFactory); // trap 3, see sqlite.mjs
      return {};
    }
    const engine = await (started ??= startEngine());
    if (typeof engine[name] !== "function")
      throw new Error(`schema engine: method ${method} is not supported`);

    if ((name === "evaluateDataLoss" || name === "createMigration") && params?.migrationsList) {
      // Trap 4: these two are given no shadow-database adapter and can only reuse the shadow schema that
      // devDiagnostic cached for the same migrations list, which is missing when `migrate dev` has just
      // applied pending migrations. Warm that cache first; its own failures surface in the real call.
      await engine
        .devDiagnostic({ migrationsList: params.migrationsList, filters: params.filters })
        .catch(() => {});
    }

    let result;
    try {
      result = await engine[name](params ?? undefined);
    } catch (error) {
      if (!isMissingMigrationsTable(error) || !params?.migrationsList) throw error;
      // Trap 1: on a database that never saw a migration the wasm engine reports P1014 (table
      // _prisma_migrations missing) where the native one reports "no migrations applied yet". Applying an
      // empty migration list creates the bookkeeping table, exactly as the first `migrate deploy` would.
      await engine.applyMigrations({
        migrationsList: { ...params.migrationsList, migrationDirectories: [] },
        filters: params.filters,
      });
      result = await engine[name](params);
    }

    if (name === "diff" && result && typeof result.stdout === "string") {
      // The native engine prints the diff by sending the CLI a `print` request; the wasm one returns it.
      const { stdout, ...rest } = result;
      if (stdout) print(stdout.replace(/\n$/, ""));
      return rest;
    }
    return result ?? null;
  };
}

function isMissingMigrationsTable(error) {
  return error?.code === "P1014" && /_prisma_migrations/.test(String(error?.message));
}
