import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import type { DbClient } from "@/lib/platform/db";
import { createMemoryRateLimit } from "@/lib/security/limiter-memory";
import { createRateLimit, type RateLimit } from "@/lib/security/rate-limiter";

// Where rate-limit counters live. On PostgreSQL (production, possibly several instances) they live in the
// RateLimitCounter table (prisma/models/rate-limit-counter.prisma), so N instances give the same limits as
// one. RateLimiterPrisma rather than RateLimiterPostgres: it runs on the app's own client and pool (no
// second pool per instance, and the same 503 handling of an unreachable database), and its table comes
// from our migrations instead of a CREATE TABLE at run time. Each hit is one atomic
// `INSERT … ON CONFLICT DO UPDATE points = points + 1` (Prisma's native upsert), after deleting the key's
// row if its window has ended. SQLite means one process: memory is exact there and costs no write
// (limiter-memory.ts).

export type LimiterOptions = {
  /** Hits allowed per window (a caller may pass another limit per hit, see RateLimit.allow). */
  limit: number;
  windowMs: number;
};

export type LimiterStore = {
  /** A limit named `name` (it prefixes the stored keys, so names must differ between limits). */
  create(name: string, options: LimiterOptions): RateLimit;
};

// Limiters only count; the caller compares (rate-limiter.ts). Points well above any limit, and inside
// the 32-bit `points` column.
const COUNT_ONLY_POINTS = 2 ** 31 - 1;

/** Counters in this process's memory: SQLite (one process), and tests. */
export function memoryLimiters(): LimiterStore {
  return { create: (_name, { limit, windowMs }) => createMemoryRateLimit(limit, windowMs) };
}

/**
 * Counters in the database, shared by every instance that uses it. `warn` hears when a limit could not
 * count (it then allows, rate-limiter.ts); the app's logger by default.
 */
export function databaseLimiters(db: DbClient, warn?: (line: string) => void): LimiterStore {
  return {
    create(name, { limit, windowMs }) {
      const limiter = new RateLimiterPrisma({
        keyPrefix: name,
        points: COUNT_ONLY_POINTS,
        // Seconds, rate-limiter-flexible's unit.
        duration: Math.max(1, Math.ceil(windowMs / 1000)),
        storeClient: db,
        // The Prisma delegate's name (db.rateLimitCounter), which RateLimiterPrisma calls a table name.
        tableName: "rateLimitCounter",
        // Expired rows are deleted by the hourly retention sweep (deleteExpiredLimiterCounters), once
        // across all instances, not by a timer per limiter per instance.
        clearExpiredByTimeout: false,
      });
      return createRateLimit(name, limiter, limit, warn);
    },
  };
}

/** The expired windows, deleted hourly (lib/retention/schedule.ts). Returns how many went. */
export async function deleteExpiredLimiterCounters(db: DbClient, now = new Date()): Promise<number> {
  const { count } = await db.rateLimitCounter.deleteMany({ where: { expire: { lte: now } } });
  return count;
}
