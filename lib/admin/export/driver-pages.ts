import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";
import Database from "better-sqlite3";
import pg from "pg";
import { providerFromUrl, sqliteFilePath, type DatabaseProvider } from "@/prisma/database-target";
import type { BooleanKeys, DateKeys } from "@/lib/admin/records/columns";

// Exports read rows straight through the database driver, not through Prisma: Prisma's per-row objects
// and the heap they grow were most of an export's memory and time (BENCHMARKS.md). Every other read stays
// on the one Prisma client (lib/platform/db.ts); this is the single exception, and it only reads.
//
// Each export opens its own connection and closes it when the export ends or is cancelled:
// - SQLite: a read-only better-sqlite3 handle on the same file. In WAL mode it never blocks the app's
//   writers, and it sits outside the app's serialized connection, so an export never queues sign-ups.
// - PostgreSQL: one `pg` client, outside the app's pool of 10, so an export never takes a connection a
//   sign-up is waiting for.
// Rows come in keyset pages, newest first by (createdAt, id) or (updatedAt, id), each page its own short
// statement: no read transaction stays open while a slow client takes its time, so SQLite's WAL can
// still be checkpointed.

/** One condition in SQL with `?` for each parameter; the dialect's placeholders are filled in here. */
export type SqlCondition = { sql: string; params: SqlParam[] };
export type SqlParam = string | number | boolean | Date;

export type PageQuery<Row> = {
  table: "Signature" | "Volunteer";
  /** The columns to read, in the order each row's values come back; they must include `order` and id. */
  columns: readonly (keyof Row & string)[];
  /**
   * The time the pages walk down, newest first, with id breaking ties: createdAt (the default), or
   * updatedAt for "what changed since", which its own index then serves without sorting the table.
   */
  order?: "createdAt" | "updatedAt";
  /** Every date column, and every boolean one (the types insist on all): SQLite returns them as text and 0/1. */
  dates: Record<DateKeys<Row>, true>;
  booleans: Record<BooleanKeys<Row>, true>;
  /**
   * Dates as the CSV writes them (ISO 8601, UTC, milliseconds, "Z") instead of Date objects: SQLite
   * stores nearly that text already, and a million rows spare three million Dates made only to be printed.
   */
  datesAsText?: boolean;
  /** All must hold. */
  where: readonly SqlCondition[];
};

/** One row as its values, in the order of the query's columns: no object per row, no key per value. */
export type Values<Row> = Row[keyof Row][];

/** Reads rows a page at a time through the driver; `pages` yields only non-empty pages. */
export type DriverPages = {
  provider: DatabaseProvider;
  pages<Row>(query: PageQuery<Row>, size: number): AsyncGenerator<Values<Row>[]>;
};

/** Values back into the row they came from, for code that wants `Row` (a volunteer's sealed fields). */
export function rowOf<Row>(columns: readonly (keyof Row & string)[], values: Values<Row>): Row {
  const row = {} as Row;
  columns.forEach((column, i) => {
    row[column] = values[i] as Row[typeof column];
  });
  return row;
}

type RawRow = unknown[];
type Connection = { page(sql: string, params: SqlParam[]): Promise<RawRow[]>; close(): Promise<void> };

// better-sqlite3 waits for a lock synchronously, freezing the server; a reader in WAL mode is almost never
// kept waiting, and then only briefly, so it waits as little as the app's own connection does.
const SQLITE_BUSY_TIMEOUT_MS = 50;

/** SQLite's page cache for an export's connection, in KiB (this build's default is 16 MiB). */
const SQLITE_CACHE_KIB = 2048;

/** How Prisma's SQLite adapter stores a DateTime: ISO 8601 text with "+00:00". Compared as text. */
const sqliteTime = (at: Date) => at.toISOString().replace("Z", "+00:00");

function openSqlite(file: string): Connection {
  const handle = new Database(file, {
    readonly: true,
    fileMustExist: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
  });
  // Each page is read once, in index order: a large page cache only adds to the export's memory.
  handle.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  const statements = new Map<string, Database.Statement<unknown[], RawRow>>();
  // Rows as arrays (better-sqlite3's raw mode): building an object per row cost about as much again.
  return {
    async page(sql, params) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = handle.prepare<unknown[], RawRow>(sql).raw(true);
        statements.set(sql, statement);
      }
      const bound = params.map((p) =>
        p instanceof Date ? sqliteTime(p) : typeof p === "boolean" ? Number(p) : p,
      );
      return statement.all(...bound);
    },
    async close() {
      handle.close();
    },
  };
}

// Prisma's PostgreSQL columns are `timestamp(3)` without a time zone, holding UTC. pg would read them as
// the server process's local time; read them as UTC, as Prisma does, whatever TZ says.
const TIMESTAMP_OID = 1114;
const pgTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP_OID) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

async function openPostgres(url: string): Promise<Connection> {
  const client = new pg.Client({ connectionString: url });
  // Between pages the client sits idle while the download drains; if the server drops it then, pg emits
  // "error", which without a listener would end the whole process. Remember it; the next page fails with it.
  let lost: Error | undefined;
  client.on("error", (error) => {
    lost = error;
  });
  await client.connect();
  return {
    async page(sql, params) {
      if (lost) throw lost;
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${(n += 1)}`);
      // Dates as UTC text: cast to `timestamp` it keeps its wall time, which is the UTC Prisma stored.
      const values = params.map((p) => (p instanceof Date ? p.toISOString() : p));
      const result = await client.query<RawRow>({ text, values, types: pgTypes, rowMode: "array" });
      return result.rows;
    },
    async close() {
      await client.end().catch(() => {});
    },
  };
}

const quote = (name: string) => `"${name}"`;

/**
 * Every row matching `where`, newest first, `size` per statement. The keyset condition carries the same
 * index-friendly bound as keyset.ts's (`createdAt <= t` beside the OR), or each page would re-read and
 * sort every remaining row. The cursor is the last row's createdAt exactly as the driver returned it,
 * so it compares equal to what is stored.
 */
export function createDriverPages(url: string): DriverPages {
  const provider = providerFromUrl(url);
  const open = () =>
    provider === "sqlite" ? Promise.resolve(openSqlite(sqliteFilePath(url))) : openPostgres(url);

  return {
    provider,
    async *pages<Row>(query: PageQuery<Row>, size: number): AsyncGenerator<Values<Row>[]> {
      const time = query.order ?? "createdAt";
      const select = `SELECT ${query.columns.map(quote).join(", ")} FROM ${quote(query.table)}`;
      const order = `ORDER BY "${time}" DESC, "id" DESC LIMIT ${Math.max(1, Math.floor(size))}`;
      const filters = query.where.map((c) => `(${c.sql})`);
      const filterParams = query.where.flatMap((c) => c.params);
      const keyset = `"${time}" <= ? AND ("${time}" < ? OR ("${time}" = ? AND "id" < ?))`;
      const first = [select, filters.length ? `WHERE ${filters.join(" AND ")}` : "", order].join(" ");
      const next = [select, "WHERE", [...filters, keyset].join(" AND "), order].join(" ");

      const at = query.columns.indexOf(time as keyof Row & string);
      const id = query.columns.indexOf("id" as keyof Row & string);
      if (at < 0 || id < 0) throw new Error(`an export of ${query.table} must read ${time} and id`);
      const indexes = (keys: object) => Object.keys(keys).map((key) => query.columns.indexOf(key as never));
      const dates = indexes(query.dates);
      const booleans = indexes(query.booleans);

      const connection = await open();
      try {
        let cursor: { at: SqlParam; id: string } | undefined;
        for (;;) {
          const rows = cursor
            ? await connection.page(next, [...filterParams, cursor.at, cursor.at, cursor.at, cursor.id])
            : await connection.page(first, filterParams);
          const last = rows.at(-1);
          if (!last) return;
          cursor = { at: last[at] as SqlParam, id: last[id] as string };
          if (provider === "sqlite") fromSqlite(rows, dates, booleans, query.datesAsText === true);
          else if (query.datesAsText) datesToText(rows, dates);
          yield rows as Values<Row>[];
          if (rows.length < size) return;
          // better-sqlite3 is synchronous: give other requests a turn between pages.
          await nextTurn();
        }
      } finally {
        await connection.close();
      }
    },
  };
}

/** What Prisma's SQLite adapter writes ("2026-11-25T10:04:00.000+00:00"), ready to become ISO text by a cut. */
const storedUtc = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/;

/** SQLite's text dates and 0/1 booleans, turned into what Prisma would have returned (or ISO text), in place. */
function fromSqlite(rows: RawRow[], dates: number[], booleans: number[], asText: boolean) {
  for (const row of rows) {
    for (const i of dates) {
      const value = row[i];
      if (typeof value !== "string" && typeof value !== "number") continue;
      if (!asText) row[i] = new Date(value);
      else if (typeof value === "string" && storedUtc.test(value)) row[i] = `${value.slice(0, 23)}Z`;
      else row[i] = new Date(value).toISOString();
    }
    for (const i of booleans) row[i] = row[i] === 1;
  }
}

function datesToText(rows: RawRow[], dates: number[]) {
  for (const row of rows)
    for (const i of dates) {
      const value = row[i];
      if (value instanceof Date) row[i] = value.toISOString();
    }
}
