// Which database failures say "try again" rather than "this request is wrong". Errors reach us in three
// shapes: the driver's own (better-sqlite3's SqliteError, pg's DatabaseError or a socket error), Prisma's
// DriverAdapterError around it (`cause.originalCode`), or a PrismaClientKnownRequestError around that
// (`meta.driverAdapterError`). Shapes are matched by their fields, not by class: the adapters and the app
// can load different copies of @prisma/driver-adapter-utils, and Next.js may bundle this module twice.

/** The database cannot take the request now (busy beyond the retry window, or unreachable). Answer 503. */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";

  constructor(message = "The database is unavailable; try again shortly.", options?: { cause?: unknown }) {
    super(message, options);
  }
}

// PostgreSQL SQLSTATEs and socket codes meaning "no usable connection": 57P01 admin shutdown, 57P02 crash
// shutdown, 57P03 cannot connect now, class 08 connection exceptions, 53300 too many connections.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);
// Adapter error kinds and Prisma error codes for the same: not reachable, socket timeout (also SQLite's
// SQLITE_BUSY, which adapter-better-sqlite3 reports as a timeout), closed, pool exhausted, too many.
const UNREACHABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "SocketTimeout",
  "ConnectionClosed",
  "TooManyConnections",
]);
// P2028: a transaction could not start in time (no connection free) or outlived its timeout on an
// overloaded machine: it rolled back, so trying again later is safe.
const UNREACHABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2028", "P2037"]);
// pg reports a dropped connection and an exhausted pool as plain Errors with no code.
const UNREACHABLE_MESSAGE = /connection terminated|timeout exceeded when trying to connect|connection error/i;

// 40001 serialization failure, 40P01 deadlock: retrying the whole transaction is the documented answer.
const CONFLICT_CODES = new Set(["40001", "40P01"]);

type Fields = {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  kind?: unknown;
  originalCode?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: unknown };
};

/** The error and everything it wraps (cause chain, Prisma's meta.driverAdapterError), at most a few deep. */
function layers(error: unknown): Fields[] {
  const found: Fields[] = [];
  const pending: unknown[] = [error];
  while (pending.length > 0 && found.length < 8) {
    const next = pending.shift();
    if (typeof next !== "object" || next === null || found.includes(next as Fields)) continue;
    const fields = next as Fields;
    found.push(fields);
    pending.push(fields.cause, fields.meta?.driverAdapterError);
  }
  return found;
}

function codesOf(layer: Fields): string[] {
  return [layer.code, layer.originalCode].filter((code): code is string => typeof code === "string");
}

/** SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes). */
export function isSqliteBusy(error: unknown): boolean {
  return layers(error).some((layer) => codesOf(layer).some((code) => code.startsWith("SQLITE_BUSY")));
}

/** True for DatabaseUnavailableError and for any form of "the database cannot be reached or is busy". */
export function isDatabaseUnavailable(error: unknown): boolean {
  return layers(error).some(
    (layer) =>
      layer.name === "DatabaseUnavailableError" ||
      codesOf(layer).some((code) => UNREACHABLE_CODES.has(code) || UNREACHABLE_PRISMA_CODES.has(code)) ||
      (typeof layer.kind === "string" && UNREACHABLE_KINDS.has(layer.kind)) ||
      (codesOf(layer).length === 0 &&
        typeof layer.message === "string" &&
        UNREACHABLE_MESSAGE.test(layer.message)),
  );
}

/** The same error as a DatabaseUnavailableError when it is one of the "unavailable" kinds, else unchanged. */
export function toDatabaseUnavailable(error: unknown): unknown {
  if (error instanceof DatabaseUnavailableError || !isDatabaseUnavailable(error)) return error;
  return new DatabaseUnavailableError(undefined, { cause: error });
}

/**
 * Worth retrying unchanged: the database was busy or unreachable, the transaction lost a write conflict or
 * deadlock (PostgreSQL 40001/40P01, Prisma P2034), or the connection was reset mid-way. Constraint
 * violations, bad values and bugs are not: they fail the same way every time.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  if (isDatabaseUnavailable(error) || isSqliteBusy(error)) return true;
  return layers(error).some(
    (layer) =>
      layer.kind === "TransactionWriteConflict" ||
      codesOf(layer).some((code) => CONFLICT_CODES.has(code) || code === "P2034"),
  );
}
