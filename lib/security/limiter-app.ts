import "server-only";
import { db } from "@/lib/platform/db";
import { isEmbeddedDatabase } from "@/lib/platform/env";
import { databaseLimiters, type LimiterStore, memoryLimiters } from "@/lib/security/limiter-store";

// The app's limiter store, picked by DATABASE_URL: shared counters on PostgreSQL, memory on SQLite. Made
// on first use; domain factories take it as their default, and tests pass their own.

const registry = globalThis as typeof globalThis & { countUsInLimiters?: LimiterStore };

export function appLimiters(): LimiterStore {
  registry.countUsInLimiters ??= isEmbeddedDatabase() ? memoryLimiters() : databaseLimiters(db);
  return registry.countUsInLimiters;
}
