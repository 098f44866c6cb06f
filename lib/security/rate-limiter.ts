import type { RateLimiterAbstract } from "rate-limiter-flexible";
import { logger } from "@/lib/platform/log";

// A rate limit as the app uses it: count one hit, answer yes or no. Which counters answer is
// limiter-store.ts's choice (the database on PostgreSQL, through rate-limiter-flexible; memory on SQLite).
// Keys are keyed hashes (lib/security/hashing.ts), never an address, since they may be written to the
// database.

export type RateLimit = {
  /**
   * Counts one hit for `key`; false when the key is over its limit in the current window. `limit` may be
   * given per call, for limits staff can change while the server runs (the check is "hits so far ≤ the
   * limit now"). True whenever the store fails: see failOpen below.
   */
  allow(key: string, limit?: number): Promise<boolean>;
};

// One warning a minute per limiter is enough to tell an operator; a database outage would otherwise log
// one per request.
const WARN_EVERY_MS = 60_000;

/**
 * Wraps a limiter created with `points` of at least any limit it will be asked about, so that it never
 * refuses by itself: it only counts, and we compare. A store error (the database is down or slow) lets the
 * hit through with a warning: a hiccup must not refuse genuine sign-ups, and the write that follows fails
 * on its own if the database really is gone.
 */
export function createRateLimit(
  name: string,
  limiter: RateLimiterAbstract,
  defaultLimit: number,
  warn: (line: string) => void = (line) => logger.warn(line),
): RateLimit {
  let lastWarning = 0;
  return {
    async allow(key, limit = defaultLimit) {
      try {
        const counted = await limiter.consume(key);
        return counted.consumedPoints <= limit;
      } catch (error) {
        // rate-limiter-flexible rejects with a result (not an Error) when its own points are used up;
        // we size points so that cannot happen, but such an answer is a refusal, not a failure.
        if (!(error instanceof Error)) return false;
        if (Date.now() - lastWarning >= WARN_EVERY_MS) {
          lastWarning = Date.now();
          // The error's name and code only: a database error message can quote the key.
          warn(`rate limit: ${name} could not count (${errorLabel(error)}); allowing`);
        }
        return true;
      }
    },
  };
}

function errorLabel(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" ? `${error.name} ${code}` : error.name;
}
