import type {
  IsolationLevel,
  SqlDriverAdapter,
  SqlQuery,
  SqlResultSet,
  Transaction,
} from "@prisma/driver-adapter-utils";
import { AsyncMutex } from "@/lib/platform/database/async-mutex";
import { jitteredDelay, sleep } from "@/lib/platform/database/backoff";
import { DatabaseUnavailableError, isSqliteBusy } from "@/lib/platform/database/errors";

// Why this exists. adapter-better-sqlite3 runs everything on ONE connection. Its own mutex only keeps two
// transactions apart: a plain statement sent while another request's interactive transaction is open runs
// inside that transaction and disappears if it rolls back (a confirmation, an audit entry, a staff change,
// better-auth's session writes). Here every statement and every whole transaction takes the same lock.
//
// The adapter's own startTransaction is not used: it begins DEFERRED (so SQLITE_BUSY would surface at the
// first write, mid-way through the caller's work, where it cannot be retried), and it keeps its mutex if
// BEGIN throws. This wrapper issues BEGIN IMMEDIATE itself on the same connection, through the adapter's
// executeRaw, so the adapter's mutex is never taken and cannot deadlock against ours.
//
// Busy: another process (a CLI) holding SQLite's write lock makes a statement wait for the connection's
// busy_timeout, which blocks the event loop (better-sqlite3 is synchronous), so that timeout is kept short
// and the wait continues here, asynchronously, with the lock let go between attempts, for a bounded time.

export type SerializedSqliteOptions = {
  /**
   * How long, from the call, to keep retrying SQLITE_BUSY before giving up with DatabaseUnavailableError.
   * Below Prisma's default maxWait (2 s) for starting a transaction, so callers get our error, not P2028.
   */
  busyRetryWindowMs: number;
};

const statement = (sql: string): SqlQuery => ({ sql, args: [], argTypes: [] });

export function serializeSqliteAdapter(
  inner: SqlDriverAdapter,
  options: SerializedSqliteOptions = { busyRetryWindowMs: 1_500 },
): SqlDriverAdapter {
  const lock = new AsyncMutex();

  async function exclusive<T>(work: () => Promise<T>): Promise<T> {
    const release = await lock.acquire();
    try {
      return await work();
    } finally {
      release();
    }
  }

  // Safe to repeat: a statement or BEGIN that got SQLITE_BUSY changed nothing.
  async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + options.busyRetryWindowMs;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!isSqliteBusy(error)) throw error;
        const wait = jitteredDelay(attempt);
        if (Date.now() + wait > deadline) {
          throw new DatabaseUnavailableError("The database is busy; try again shortly.", { cause: error });
        }
        await sleep(wait);
      }
    }
  }

  function openTransaction(release: () => void): Transaction {
    let open = true;
    const close = () => {
      open = false;
      release();
    };
    const guarded = <T>(work: () => Promise<T>): Promise<T> =>
      open ? work() : Promise.reject(new Error("This SQLite transaction has already ended."));
    const run = async (sql: string) => void (await guarded(() => inner.executeRaw(statement(sql))));
    return {
      provider: inner.provider,
      adapterName: inner.adapterName,
      // Prisma sends COMMIT / ROLLBACK itself through executeRaw, then calls commit() / rollback().
      options: { usePhantomQuery: false },
      queryRaw: (query: SqlQuery): Promise<SqlResultSet> => guarded(() => inner.queryRaw(query)),
      executeRaw: (query: SqlQuery): Promise<number> => guarded(() => inner.executeRaw(query)),
      commit: async () => close(),
      // Also called when Prisma's COMMIT failed, which leaves SQLite inside the transaction: roll back here
      // too, so the next holder of the lock never runs inside it. After Prisma's own ROLLBACK this second
      // one fails with "no transaction is active", which is expected.
      rollback: async () => {
        if (!open) return;
        try {
          await inner.executeRaw(statement("ROLLBACK"));
        } catch {
          // Nothing was open any more.
        } finally {
          close();
        }
      },
      createSavepoint: (name) => run(`SAVEPOINT ${name}`),
      rollbackToSavepoint: (name) => run(`ROLLBACK TO ${name}`),
      releaseSavepoint: (name) => run(`RELEASE SAVEPOINT ${name}`),
    };
  }

  async function startTransaction(isolationLevel?: IsolationLevel): Promise<Transaction> {
    // SQLite transactions are serializable; the adapter refuses other levels before touching anything.
    if (isolationLevel && isolationLevel !== "SERIALIZABLE") return inner.startTransaction(isolationLevel);
    return retryWhileBusy(async () => {
      const release = await lock.acquire();
      try {
        // IMMEDIATE takes the write lock now, where busy can still be retried, not at the first write.
        await inner.executeRaw(statement("BEGIN IMMEDIATE"));
      } catch (error) {
        release();
        throw error;
      }
      return openTransaction(release);
    });
  }

  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (query) => retryWhileBusy(() => exclusive(() => inner.queryRaw(query))),
    executeRaw: (query) => retryWhileBusy(() => exclusive(() => inner.executeRaw(query))),
    // Not retried: a script is several statements, and some may have run before the busy one.
    executeScript: (script) => exclusive(() => inner.executeScript(script)),
    startTransaction,
    ...(inner.getConnectionInfo ? { getConnectionInfo: () => inner.getConnectionInfo!() } : {}),
    // Not behind the lock: a transaction that never ends must not make disconnecting hang too.
    dispose: () => inner.dispose(),
  };
}
