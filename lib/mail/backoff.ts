// When to try a message again after a send that definitely failed: 5 s, 10 s, 20 s ... doubling up to a
// cap, each spread by ±20% so messages that failed together (an SMTP outage) do not all come back together.

export type BackoffPolicy = {
  /** Delay after the first failed attempt. */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 5_000, maxMs: 15 * 60_000 };

/** Delay before the next try, given how many attempts have failed so far (1 after the first failure). */
export function retryDelayMs(
  failedAttempts: number,
  policy: BackoffPolicy = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(failedAttempts - 1, 30));
  const delay = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  const jittered = delay * (0.8 + 0.4 * random());
  return Math.round(Math.min(policy.maxMs, jittered));
}
