import type { RateLimit } from "@/lib/security/rate-limiter";

// The counters of a single process (SQLite, one process): a fixed window per key in a Map. Kept instead
// of rate-limiter-flexible's RateLimiterMemory because it is bounded: a flood of distinct addresses (an
// IPv6 range is cheap) cannot grow it past maxKeys, and it needs no timer per key. Cheap enough for the
// signing hot path (one Map lookup), and it cannot fail, so there is nothing to fail open from.

export function createMemoryRateLimit(limit: number, windowMs: number, maxKeys = 100_000): RateLimit {
  const windows = new Map<string, { start: number; count: number }>();

  function sweep(now: number) {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
    // Still full of live windows (a flood of distinct keys): start afresh rather than grow without bound.
    if (windows.size >= maxKeys) windows.clear();
  }

  return {
    async allow(key, currentLimit = limit) {
      const now = Date.now();
      const current = windows.get(key);
      if (!current || now - current.start >= windowMs) {
        if (windows.size >= maxKeys) sweep(now);
        windows.set(key, { start: now, count: 1 });
        return 1 <= currentLimit;
      }
      current.count += 1;
      return current.count <= currentLimit;
    },
  };
}
