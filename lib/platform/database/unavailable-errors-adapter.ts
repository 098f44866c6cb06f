import type { SqlDriverAdapter, SqlDriverAdapterFactory, Transaction } from "@prisma/driver-adapter-utils";
import { toDatabaseUnavailable } from "@/lib/platform/database/errors";

// PostgreSQL connection failures (refused, server shutting down 57P01/57P03, connection terminated, pool
// timeout) arrive as a dozen different shapes; routes should see one: DatabaseUnavailableError, answered
// with 503. Prisma passes errors that are not its DriverAdapterError through unchanged, so replacing them
// at the adapter is enough. Everything else (constraint violations, bad input) is left as it was.

const rethrow = (error: unknown): never => {
  throw toDatabaseUnavailable(error);
};

function translateTransaction(tx: Transaction): Transaction {
  return {
    provider: tx.provider,
    adapterName: tx.adapterName,
    options: tx.options,
    queryRaw: (query) => tx.queryRaw(query).catch(rethrow),
    executeRaw: (query) => tx.executeRaw(query).catch(rethrow),
    commit: () => tx.commit().catch(rethrow),
    rollback: () => tx.rollback().catch(rethrow),
    ...(tx.createSavepoint && {
      createSavepoint: (name: string) => tx.createSavepoint!(name).catch(rethrow),
    }),
    ...(tx.rollbackToSavepoint && {
      rollbackToSavepoint: (name: string) => tx.rollbackToSavepoint!(name).catch(rethrow),
    }),
    ...(tx.releaseSavepoint && {
      releaseSavepoint: (name: string) => tx.releaseSavepoint!(name).catch(rethrow),
    }),
  };
}

function translateAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query) => adapter.queryRaw(query).catch(rethrow),
    executeRaw: (query) => adapter.executeRaw(query).catch(rethrow),
    executeScript: (script) => adapter.executeScript(script).catch(rethrow),
    startTransaction: (level) => adapter.startTransaction(level).then(translateTransaction, rethrow),
    ...(adapter.getConnectionInfo && { getConnectionInfo: () => adapter.getConnectionInfo!() }),
    dispose: () => adapter.dispose(),
  };
}

/** The same adapter factory, with "cannot reach the database" errors thrown as DatabaseUnavailableError. */
export function withUnavailableErrors(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect().then(translateAdapter, rethrow),
  };
}
