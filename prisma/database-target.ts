import fs from "node:fs";
import path from "node:path";

// Which database a process talks to, decided the same way by the Prisma CLI (prisma.config.ts),
// the app (lib/platform/db.ts) and the tests, so they can never disagree about provider or file location.

export type DatabaseProvider = "sqlite" | "postgresql";

export const DATABASE_PROVIDERS: readonly DatabaseProvider[] = ["sqlite", "postgresql"];

// Keep in step with lib/platform/env.ts: the embedded default needs nothing installed or configured.
export const DEFAULT_DATABASE_URL = "file:./data/count-us-in.db";

export function providerFromUrl(url: string): DatabaseProvider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  // Never echo the URL: it may carry a password.
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL), not "${url.split(":")[0]}:"`,
  );
}

/**
 * The path part of a SQLite `file:` URL, made absolute against `cwd`. Prisma's native engine,
 * better-sqlite3 and Next.js each have their own idea of "relative"; one absolute path removes the doubt.
 * Query parameters are dropped: adapter-better-sqlite3 would otherwise take them as part of the file name.
 */
export function sqliteFilePath(url: string, cwd: string = process.cwd()): string {
  const withoutScheme = url.replace(/^file:/, "").split("?")[0] ?? "";
  if (withoutScheme === ":memory:") return withoutScheme;
  return path.resolve(cwd, withoutScheme);
}

/** better-sqlite3 creates the database file on first open, but not the folder it lives in. */
export function ensureSqliteDirectory(filePath: string): void {
  if (filePath !== ":memory:") fs.mkdirSync(path.dirname(filePath), { recursive: true });
}

export type DatabaseTarget = {
  provider: DatabaseProvider;
  /** Connection URL; SQLite URLs are made absolute. Undefined only when a provider was named without a URL. */
  url: string | undefined;
};

/**
 * DATABASE_PROVIDER (sqlite | postgresql) may name the provider on its own, for commands that need no
 * database (generate, migrate diff between files); otherwise the scheme of DATABASE_URL decides, and
 * with neither set it is the embedded SQLite default.
 */
export function resolveDatabaseTarget(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): DatabaseTarget {
  const named = env.DATABASE_PROVIDER?.trim() || undefined;
  if (named !== undefined && !DATABASE_PROVIDERS.includes(named as DatabaseProvider)) {
    throw new Error(`DATABASE_PROVIDER must be one of ${DATABASE_PROVIDERS.join(", ")}, not "${named}"`);
  }
  const givenUrl = env.DATABASE_URL?.trim() || undefined;
  const url = givenUrl ?? (named === undefined || named === "sqlite" ? DEFAULT_DATABASE_URL : undefined);
  const provider = named ? (named as DatabaseProvider) : providerFromUrl(url ?? DEFAULT_DATABASE_URL);
  if (url !== undefined && providerFromUrl(url) !== provider) {
    throw new Error(`DATABASE_PROVIDER=${provider} does not match the scheme of DATABASE_URL`);
  }
  return {
    provider,
    url: url !== undefined && provider === "sqlite" ? `file:${sqliteFilePath(url, cwd)}` : url,
  };
}
