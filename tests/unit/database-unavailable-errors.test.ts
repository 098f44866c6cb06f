import { describe, expect, it } from "vitest";
import { AsyncMutex } from "@/lib/platform/database/async-mutex";
import {
  isSqliteBusy,
  isTransientDatabaseError,
  toDatabaseUnavailable,
} from "@/lib/platform/database/errors";
import {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  serviceUnavailable,
} from "@/lib/entry/service-unavailable";

// What a route may answer 503 for, and what group commit may retry, in each shape errors arrive in.

const coded = (code: string, message = "x") => Object.assign(new Error(message), { code });
/** Prisma's DriverAdapterError around a driver error. */
const adapterError = (cause: Record<string, unknown>) =>
  Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause });
/** PrismaClientKnownRequestError around that. */
const prismaError = (code: string, driverAdapterError?: unknown) =>
  Object.assign(new Error("prisma"), {
    name: "PrismaClientKnownRequestError",
    code,
    meta: { driverAdapterError },
  });

describe("database unavailable", () => {
  it.each([
    ["our own error", new DatabaseUnavailableError()],
    ["connection refused", coded("ECONNREFUSED")],
    ["server shutting down (57P01)", coded("57P01", "terminating connection due to administrator command")],
    ["server starting up (57P03)", coded("57P03", "the database system is starting up")],
    ["connection terminated", new Error("Connection terminated unexpectedly")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["adapter: not reachable", adapterError({ kind: "DatabaseNotReachable" })],
    ["Prisma P1001", prismaError("P1001")],
    [
      "Prisma P2039 around 57P01",
      prismaError("P2039", adapterError({ kind: "postgres", originalCode: "57P01" })),
    ],
    ["SQLite busy", adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY" })],
  ])("recognises %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(isTransientDatabaseError(error)).toBe(true);
    expect(toDatabaseUnavailable(error)).toBeInstanceOf(DatabaseUnavailableError);
  });

  it.each([
    ["a unique violation", prismaError("P2002", adapterError({ kind: "UniqueConstraintViolation" }))],
    ["a value too long", coded("22001")],
    ["a bug", new TypeError("cannot read properties of undefined")],
    ["not an error at all", "nope"],
  ])("leaves %s alone", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(isTransientDatabaseError(error)).toBe(false);
    expect(toDatabaseUnavailable(error)).toBe(error);
  });

  it.each([
    ["deadlock 40P01", coded("40P01")],
    ["serialization failure 40001", coded("40001")],
    ["Prisma write conflict P2034", prismaError("P2034")],
    ["adapter write conflict", adapterError({ kind: "TransactionWriteConflict" })],
    ["connection reset", coded("ECONNRESET")],
    ["SQLite busy snapshot", coded("SQLITE_BUSY_SNAPSHOT")],
  ])("counts %s as transient", (_, error) => {
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it("knows SQLite busy in each shape", () => {
    expect(isSqliteBusy(coded("SQLITE_BUSY"))).toBe(true);
    expect(isSqliteBusy(adapterError({ kind: "SocketTimeout", originalCode: "SQLITE_BUSY_RECOVERY" }))).toBe(
      true,
    );
    expect(isSqliteBusy(coded("SQLITE_CONSTRAINT_UNIQUE"))).toBe(false);
  });

  it("answers 503 with Retry-After, uncached, and without detail", async () => {
    const response = serviceUnavailable();
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(["message"]);
    expect(JSON.stringify(body)).not.toMatch(/Error|\n\s+at |SQLITE|P\d{4}/);
  });
});

describe("the lock SQLite statements take turns with", () => {
  it("hands it over first come, first served, and a second release changes nothing", async () => {
    const mutex = new AsyncMutex();
    const order: string[] = [];
    const first = await mutex.acquire();
    const second = mutex.acquire().then((release) => (order.push("second"), release));
    const third = mutex.acquire().then((release) => (order.push("third"), release));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    first();
    first(); // must not let the third in alongside the second
    const releaseSecond = await second;
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(["second"]);
    releaseSecond();
    (await third)();
    expect(order).toEqual(["second", "third"]);
  });
});
