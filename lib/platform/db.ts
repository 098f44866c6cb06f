import "server-only";

import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { serializeSqliteAdapter } from "@/lib/platform/database/serialized-sqlite-adapter";
import { withUnavailableErrors } from "@/lib/platform/database/unavailable-errors-adapter";
import { makeSqliteFilesPrivate } from "@/lib/platform/database/private-files";
import { env } from "@/lib/platform/env";
import { PrismaClient as PostgresPrismaClient } from "@/lib/generated/postgres/client";
import { PrismaClient as SqlitePrismaClient } from "@/lib/generated/sqlite/client";
import { providerFromUrl, sqliteFilePath } from "@/prisma/database-target";

// The one Prisma client. Only lib/ may import this module (enforced by eslint.config.mjs); the rest of the
// app calls lib/ domain functions. Both generated clients are bundled so one build serves either database;
// DATABASE_URL's scheme picks the one that runs.

// The keyed IP hash stays out of every result unless a query asks for it with
// `omit: { field: false }`, so it cannot leak into a page, a log line or an export by accident.
// Filtering by it (`where: { clientHash }`) is unaffected.
const omit = {
  signature: { clientHash: true },
  volunteer: { clientHash: true },
} as const;

// Up to this many PostgreSQL connections per server process; a pooled database in front (PgBouncer,
// a managed pooler) can take more processes. Waiting longer than the timeout fails the request (with
// DatabaseUnavailableError, see withUnavailableErrors) instead of hanging it.
const POSTGRES_POOL = { max: 10, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 30_000 };

// better-sqlite3 waits for a busy database synchronously, freezing the whole server while it waits, so it
// waits only briefly; serializeSqliteAdapter keeps trying asynchronously for about 1.5 seconds in all.
const SQLITE_BUSY_TIMEOUT_MS = 50;

/**
 * adapter-better-sqlite3 passes better-sqlite3's options through (`timeout` is SQLite's busy timeout) but
 * has no hook for other pragmas, so they are set on each connection it opens:
 * - WAL lets readers carry on while a write commits.
 * - synchronous=FULL syncs the WAL at every commit, so a sign-up we have acknowledged survives a power
 *   cut (NORMAL could lose the last commits). Group commit makes that one sync per batch, not per sign-up.
 * - secure_delete=ON overwrites deleted and blanked content in the file instead of leaving it in free
 *   pages, so an erasure really erases. It is a per-connection setting, hence here.
 * The connection is then wrapped so that statements and transactions take turns (serializeSqliteAdapter).
 * The folder and the file are created here, on first use, not at import, readable by this user only.
 */
class TunedSqliteAdapter extends PrismaBetterSqlite3 {
  private readonly file: string;

  constructor(file: string) {
    super({ url: `file:${file}`, timeout: SQLITE_BUSY_TIMEOUT_MS });
    this.file = file;
  }

  override async connect(): Promise<SqlDriverAdapter> {
    if (this.file !== ":memory:") makeSqliteFilesPrivate(this.file);
    const connection = await super.connect();
    await connection.executeScript(
      `PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA secure_delete = ON; PRAGMA busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS};`,
    );
    return serializeSqliteAdapter(connection);
  }
}

function createSqliteClient(url: string) {
  return new SqlitePrismaClient({ adapter: new TunedSqliteAdapter(sqliteFilePath(url)), omit });
}

/**
 * The client type for both databases. The two generated clients are built from the same models and
 * differ only in provider internals, so the SQLite one's type describes the PostgreSQL one too.
 */
export type DbClient = ReturnType<typeof createSqliteClient>;

/** A client for `url` (file: for SQLite, postgresql:// for PostgreSQL). The app uses `db`; tests make their own. */
export function createDbClient(url: string): DbClient {
  if (providerFromUrl(url) === "sqlite") return createSqliteClient(url);
  const client = new PostgresPrismaClient({
    adapter: withUnavailableErrors(new PrismaPg({ connectionString: url, ...POSTGRES_POOL })),
    omit,
  });
  // Structurally the same API (see DbClient); TypeScript cannot tell the two generated classes apart.
  return client as unknown as DbClient;
}

// Next.js dev re-evaluates modules on every edit; keeping the client on globalThis stops each reload from
// opening another pool or SQLite handle. Not in production, on purpose: a production build bundles this
// module into separate module graphs (instrumentation.ts, with the outbox worker and the sign-up fast
// path; the page and route bundles), and each keeps its own connection. Within one connection statements
// take turns (serializeSqliteAdapter); between connections SQLite's WAL lets a page's count read run while
// sign-ups commit, instead of queueing behind every write of a viral day. (One client per process was
// tried; the viral-day benchmark could not tell the two apart, so the tested arrangement stays.)
const globalForDb = globalThis as typeof globalThis & { countUsInDb?: DbClient };

export const db: DbClient = globalForDb.countUsInDb ?? createDbClient(env.DATABASE_URL);

if (env.NODE_ENV !== "production") globalForDb.countUsInDb = db;
