// PostgreSQL for the schema engine, through @prisma/adapter-pg and pg (the adapter the app uses too).
import { randomUUID } from "node:crypto";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pg = require("pg");

const quoteIdent = (name) => `"${name.replaceAll('"', '""')}"`;

export function databaseName(url) {
  return decodeURIComponent(new URL(url).pathname.slice(1));
}

/** The same server and credentials, another database. Query parameters (sslmode, ...) are kept. */
export function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(name)}`;
  return u.toString();
}

// Trap 5: the wasm engine's catalog queries return columns of Postgres's internal one-byte `"char"` type
// (OID 18: pg_constraint.contype, pg_class.relkind, ...). adapter-pg has no column type for it and fails
// with "Unsupported column type". Its text value is all the engine needs, so report it as text (OID 25).
// Passed to pg.Pool as its `Client` class, which is the pool's documented extension point.
class CharAsTextClient extends pg.Client {
  query(config, values, callback) {
    if (typeof config?.submit === "function") return super.query(config, values, callback);
    if (typeof values === "function") [callback, values] = [values, undefined];
    if (typeof callback === "function") {
      return super.query(config, values, (error, result) =>
        callback(error, error ? result : charAsText(result)),
      );
    }
    return super.query(config, values).then(charAsText);
  }
}

function charAsText(result) {
  for (const field of result?.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
  return result;
}

async function runAdmin(url, sql, values) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/**
 * @param {{ url: string, shadowDatabaseUrl?: string }} datasource
 * @param {(cleanup: () => Promise<void>) => void} onExit registers work that must happen before the process ends
 */
export function createPostgresFactory({ url, shadowDatabaseUrl }, onExit) {
  const { PrismaPg } = require("@prisma/adapter-pg");
  const connectTo = (connectionString) =>
    new PrismaPg({ connectionString, Client: CharAsTextClient, max: 2 });
  const factory = connectTo(url);

  // Trap 6: adapter-pg's own connectToShadowDb() passes `database` next to our connectionString, which
  // pg ignores (the replay would land in the main database), and it drops the shadow database before
  // closing its own pool (which then fails). Create it, connect to it by URL and drop it after closing.
  factory.connectToShadowDb = async () => {
    if (shadowDatabaseUrl) return connectTo(shadowDatabaseUrl).connect();
    const name = `prisma_migrate_shadow_db_${randomUUID()}`;
    await runAdmin(url, `CREATE DATABASE ${quoteIdent(name)}`);
    const adapter = await connectTo(withDatabase(url, name)).connect();
    const close = adapter.dispose.bind(adapter);
    let dropped;
    const drop = () =>
      (dropped ??= (async () => {
        await close().catch(() => {});
        await runAdmin(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
      })());
    adapter.dispose = drop;
    // Trap 7: the engine does not always dispose the shadow adapter; whatever is left goes at exit.
    onExit(drop);
    return adapter;
  };
  return factory;
}

/** For `cli can-connect-to-database`: undefined when fine, else the error Prisma should report. */
export async function postgresConnectionError(url) {
  try {
    await runAdmin(url, "SELECT 1");
    return undefined;
  } catch (error) {
    // 3D000 invalid_catalog_name: the server answered, the database is missing -> the CLI offers to create it.
    const code = error?.code === "3D000" ? "P1003" : "P1001";
    return {
      code,
      message:
        code === "P1003"
          ? `Database \`${databaseName(url)}\` does not exist`
          : String(error?.message ?? error),
    };
  }
}

export async function createPostgresDatabase(url) {
  const name = databaseName(url);
  // Connect to the maintenance database: the target does not exist yet.
  const admin = withDatabase(url, "postgres");
  const { rowCount } = await runAdmin(admin, "SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  if (!rowCount) await runAdmin(admin, `CREATE DATABASE ${quoteIdent(name)}`);
}

export async function dropPostgresDatabase(url) {
  await runAdmin(withDatabase(url, "postgres"), `DROP DATABASE IF EXISTS ${quoteIdent(databaseName(url))}`);
}
