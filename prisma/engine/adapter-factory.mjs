// One driver adapter factory per provider, picked from the datasource URL's scheme like the native engine.
import { createPostgresFactory } from "./postgres.mjs";
import { createSqliteFactory } from "./sqlite.mjs";

/** @returns {"sqlite" | "postgresql"} */
export function providerOf(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`schema engine: unsupported datasource URL scheme "${url.split(":")[0]}:"`);
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {(cleanup: () => Promise<void>) => void} onExit
 */
export function createAdapterFactory(datasource, onExit) {
  const provider = providerOf(datasource.url);
  const factory =
    provider === "sqlite"
      ? createSqliteFactory(datasource, onExit)
      : createPostgresFactory(datasource, onExit);
  return { provider, factory };
}
