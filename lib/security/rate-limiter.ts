/**
 * A fixed-window counter per key, in memory. Cheap enough for the signing hot path (one Map lookup).
 * Each app instance counts on its own, so with N instances the effective limit is N times higher:
 * acceptable for abuse damping, where the goal is to make floods expensive, not to be exact.
 */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly maxKeys = 100_000,
  ) {}

  /**
   * Counts one hit for `key`; false when the key is over its limit in the current window. `limit` may be
   * given per call, for limits staff can change while the server runs.
   */
  hit(key: string, now: number = Date.now(), limit: number = this.limit): boolean {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      if (this.windows.size >= this.maxKeys) this.sweep(now);
      this.windows.set(key, { start: now, count: 1 });
      return true;
    }
    current.count += 1;
    return current.count <= limit;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.start >= this.windowMs) this.windows.delete(key);
    // Still full of live windows (a flood of distinct keys): start afresh rather than grow without bound.
    if (this.windows.size >= this.maxKeys) this.windows.clear();
  }
}
