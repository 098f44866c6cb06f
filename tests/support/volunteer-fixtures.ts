import crypto from "node:crypto";
import fs from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import type { KeyRing } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { issueFormToken } from "@/lib/security/form-token";
import { volunteerSchema, type VolunteerInput } from "@/lib/validation/volunteer";
import { createVolunteerService, type VolunteerService } from "@/lib/volunteers/service";
import { sqliteFilePath, type DatabaseProvider } from "@/prisma/database-target";
import type { TestDatabase } from "@/tests/support/databases";
import { renderQueued, templateContext } from "@/tests/support/outbox-fixtures";

// Shared by the volunteer tests: keys and rings, a service wired as lib/volunteers/index.ts wires the app's,
// sign-up input as the form sends it, the links out of the queued emails, and the database read raw, the
// way someone holding a stolen copy of it would read it.

export const PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

export const SITE_URL = "https://count-us-in.example";
export const TEAM_EMAIL = "campaigns-team@example.org";

export const newSecret = (): Buffer => crypto.randomBytes(32);
export const newKey = (): Buffer => crypto.randomBytes(32);

/** A ring sealing with `current`, able to open everything in `keys`. */
export function ringOf(current: string, keys: Record<string, Buffer>): KeyRing {
  return { currentKeyId: current, keys: new Map(Object.entries(keys)) };
}

/** A form token for a form shown five seconds ago: old enough to count as filled in by a person. */
export const oldFormToken = (secret: Buffer): string => issueFormToken(secret, Date.now() - 5_000);

export type VolunteerFields = Partial<
  Record<
    | "name"
    | "email"
    | "phone"
    | "healthBoard"
    | "helpWith"
    | "note"
    | "contactBy"
    | "healthConsent"
    | "website"
    | "formToken",
    unknown
  >
>;

/**
 * What a person fills in, before validation, as the form sends it (checkbox values "yes", a list for the
 * ways to help). Keys set to undefined are left out, as a browser leaves out an unticked box.
 */
export function volunteerFields(secret: Buffer, overrides: VolunteerFields = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    name: "Morag MacLeod",
    email: "morag.macleod@example.org",
    phone: "07912 345678",
    healthBoard: "Highland",
    helpWith: ["msp", "media"],
    note: "Happy to talk to my MSP about being counted.",
    contactBy: "email",
    healthConsent: "yes",
    website: "", // the honeypot, always sent empty by a person's browser
    formToken: oldFormToken(secret),
    ...overrides,
  };
  for (const key of Object.keys(fields)) if (fields[key] === undefined) delete fields[key];
  return fields;
}

/** Validated input, exactly as the server action hands it to the service. */
export function volunteerInput(secret: Buffer, overrides: VolunteerFields = {}): VolunteerInput {
  return volunteerSchema.parse(volunteerFields(secret, overrides));
}

/** FormData as the browser posts it: one entry per ticked help option. */
export function volunteerForm(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) {
    if (Array.isArray(value)) for (const item of value) form.append(key, String(item));
    else if (value !== undefined) form.append(key, String(value));
  }
  return form;
}

// The keys each database's latest service was made with: queued emails are rendered with them, as the
// app's worker renders them with the app's keys.
const keysFor = new WeakMap<DbClient, { secret: Buffer; ring: KeyRing }>();

export function newVolunteerService(
  db: DbClient,
  secret: Buffer,
  ring: KeyRing,
  perAddressPerMinute = 100_000,
): VolunteerService {
  keysFor.set(db, { secret, ring });
  return createVolunteerService(db, { secret, ring, perAddressPerMinute });
}

/** Queued emails rendered as the worker would send them now, with the service's keys. */
export function renderedEmails(db: DbClient) {
  const keys = keysFor.get(db);
  if (!keys) throw new Error("make a service with newVolunteerService first");
  return renderQueued(templateContext(db, { ...keys, siteUrl: SITE_URL, teamEmail: TEAM_EMAIL }));
}

/** A different client address per call, so the per-address limit stays out of the way unless wanted. */
let nextAddress = 1;
export function someClient(): { clientAddress: string } {
  nextAddress += 1;
  return { clientAddress: `192.0.2.${nextAddress % 250}, 198.51.100.${Math.floor(nextAddress / 250) % 250}` };
}

const confirmPattern = /\/scotland\/volunteer\/confirm\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;
const managePattern = /\/scotland\/volunteer\/manage\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/;

/** The confirm token in an email's plain text, or undefined when the email has no confirm link. */
export function confirmTokenIn(text: string): string | undefined {
  return confirmPattern.exec(text)?.[1];
}

export function manageTokenIn(text: string): string {
  const token = managePattern.exec(text)?.[1];
  if (!token) throw new Error("email has no manage link");
  return token;
}

/** Every queued email to `address` as it would be sent now, oldest first. */
export async function emailsTo(db: DbClient, address: string) {
  return (await renderedEmails(db)).filter((email) => email.to === address);
}

/** The one confirmation email queued for `address`. */
export async function confirmationFor(db: DbClient, address: string) {
  const confirmations = (await emailsTo(db, address)).filter((email) => email.kind === "volunteer-confirm");
  if (confirmations.length !== 1)
    throw new Error(`expected one confirmation email, found ${confirmations.length}`);
  const email = confirmations[0]!;
  const confirmToken = confirmTokenIn(email.text);
  if (!confirmToken) throw new Error("confirmation email has no confirm link");
  return { email, confirmToken, manageToken: manageTokenIn(email.text) };
}

/** Empties both tables between tests. */
export async function clearVolunteerTables(db: DbClient): Promise<void> {
  await db.outboxMessage.deleteMany();
  await db.volunteer.deleteMany();
}

/** How many rows each table holds. */
export async function tableCounts(db: DbClient): Promise<{ volunteers: number; emails: number }> {
  const [volunteers, emails] = await Promise.all([db.volunteer.count(), db.outboxMessage.count()]);
  return { volunteers, emails };
}

// ---- The database read raw, past Prisma ----------------------------------------------------------------

/** Runs `sql` against the test database with the provider's own driver, not Prisma. */
export async function rawQuery<Row = Record<string, unknown>>(
  database: TestDatabase,
  sql: string,
): Promise<Row[]> {
  if (database.provider === "sqlite") {
    const connection = new Database(sqliteFilePath(database.url), { readonly: true, fileMustExist: true });
    try {
      return connection.prepare(sql).all() as Row[];
    } finally {
      connection.close();
    }
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Row[];
  } finally {
    await client.end();
  }
}

/** Every Volunteer row as one text per row: all columns, as stored. */
export async function rawVolunteerRows(database: TestDatabase): Promise<string[]> {
  if (database.provider === "sqlite") {
    const rows = await rawQuery(database, `SELECT * FROM "Volunteer"`);
    return rows.map((row) => JSON.stringify(row));
  }
  const rows = await rawQuery<{ row: string }>(
    database,
    `SELECT row_to_json(v)::text AS row FROM "Volunteer" v`,
  );
  return rows.map((row) => row.row);
}

/** The sealed columns of every Volunteer row, read raw. */
export async function rawSealedValues(database: TestDatabase) {
  return rawQuery<{
    id: string;
    nameSealed: string;
    emailSealed: string;
    phoneSealed: string | null;
    noteSealed: string | null;
  }>(
    database,
    `SELECT "id", "nameSealed", "emailSealed", "phoneSealed", "noteSealed" FROM "Volunteer" ORDER BY "id"`,
  );
}

/** The SQLite database's bytes on disk: the main file and its write-ahead log, as a thief would copy them. */
export function sqliteFileBytes(database: TestDatabase): Buffer {
  const file = sqliteFilePath(database.url);
  return Buffer.concat(
    [file, `${file}-wal`].filter((part) => fs.existsSync(part)).map((part) => fs.readFileSync(part)),
  );
}

/**
 * Rewrites a SQLite file so that deleted rows no longer linger in free pages or the write-ahead log (what
 * VACUUM and a truncating checkpoint do). Used to tell "still stored" apart from "deleted but not yet overwritten".
 */
export function compactSqlite(database: TestDatabase): void {
  const connection = new Database(sqliteFilePath(database.url), { fileMustExist: true });
  try {
    connection.exec("VACUUM");
    connection.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    connection.close();
  }
}

/** Each spelling a plaintext may take in storage: as typed, trimmed and lower-cased (4 characters or more). */
export function spellings(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    for (const form of [value, value.trim(), value.trim().toLowerCase()]) if (form.length >= 4) out.add(form);
  }
  return [...out];
}

/** Whether the bytes hold the text, in UTF-8 or UTF-16. */
export function bytesContain(bytes: Buffer, text: string): boolean {
  return bytes.includes(Buffer.from(text, "utf8")) || bytes.includes(Buffer.from(text, "utf16le"));
}
