// SQLite for the schema engine, through @prisma/adapter-better-sqlite3 (the adapter the app uses too).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** Absolute path of a `file:` URL. Relative paths follow the native engine: against the working directory. */
export function sqliteFile(url) {
  const file = url.replace(/^file:/, "").split("?")[0];
  return file === ":memory:" ? file : path.resolve(file);
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {(cleanup: () => Promise<void>) => void} onExit
 */
export function createSqliteFactory({ url, shadowDatabaseUrl }, onExit) {
  const { PrismaBetterSqlite3 } = require("@prisma/adapter-better-sqlite3");
  // Without a shadow URL the adapter replays migrations into an in-memory database, which is what we want.
  const options = shadowDatabaseUrl
    ? { shadowDatabaseUrl: `file:${sqliteFile(shadowDatabaseUrl)}` }
    : undefined;
  const factory = withScriptsRoutedToExec(
    new PrismaBetterSqlite3({ url: `file:${sqliteFile(url)}` }, options),
  );
  // The wasm engine never closes its connection; without a close at exit SQLite leaves an empty
  // `<name>.db-journal` next to the database.
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    onExit(() => adapter.dispose().catch(() => {}));
    return adapter;
  };
  return factory;
}

// Trap 2: when replaying migrations into a shadow database the wasm engine sends each whole migration
// file through executeRaw(). better-sqlite3 prepares one statement at a time and refuses a script, so a
// parameterless executeRaw() goes to executeScript() (better-sqlite3's exec) instead.
function withScriptsRoutedToExec(factory) {
  const route = (adapter) => {
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await adapter.executeScript(query.sql);
      return 0;
    };
    return adapter;
  };
  const connect = factory.connect.bind(factory);
  const connectToShadowDb = factory.connectToShadowDb.bind(factory);
  factory.connect = async () => route(await connect());
  factory.connectToShadowDb = async () => route(await connectToShadowDb());
  return factory;
}

// `cli can-connect-to-database` must answer "does not exist" (P1003) for a missing file, or the CLI never
// asks us to create it, and better-sqlite3 would fail on a missing folder instead.
export function sqliteDatabaseExists(url) {
  const file = sqliteFile(url);
  return file === ":memory:" || fs.existsSync(file);
}

/** `cli create-database`: like the native engine, create the folder too (fresh clones have no data/). */
export function createSqliteDatabase(url) {
  const file = sqliteFile(url);
  if (file === ":memory:") return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.closeSync(fs.openSync(file, "a"));
}

export function dropSqliteDatabase(url) {
  const file = sqliteFile(url);
  if (file === ":memory:") return;
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}

/**
 * Trap 3: the wasm engine's `reset` on SQLite only deletes rows, leaving tables and _prisma_migrations
 * behind, so `migrate reset` would then fail to re-apply the migrations. The native engine starts from
 * an empty file; dropping every schema object gets the same result without closing the engine's own
 * connection (SQLite re-reads the schema on that connection's next statement).
 */
export async function emptySqliteDatabase(factory) {
  const adapter = await factory.connect();
  try {
    const { rows } = await adapter.queryRaw({
      sql: "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view', 'trigger', 'table')",
      args: [],
      argTypes: [],
    });
    const order = { trigger: 0, view: 1, table: 2 };
    const statements = rows
      .map(([type, name]) => ({ type: String(type), name: String(name) }))
      .sort((a, b) => order[a.type] - order[b.type])
      .map(({ type, name }) => `DROP ${type.toUpperCase()} IF EXISTS "${name.replaceAll('"', '""')}";`);
    // This connection is closed right after, so switching foreign keys off only affects the drops.
    await adapter.executeScript(["PRAGMA foreign_keys = OFF;", ...statements].join("\n"));
  } finally {
    await adapter.dispose();
  }
}
