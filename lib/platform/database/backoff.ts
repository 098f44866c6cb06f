/**
 * The wait before retry number `attempt` (0-based): doubling from `base` up to `cap`, each wait drawn at
 * random from its upper half so that callers who failed together do not all come back together.
 */
export function jitteredDelay(attempt: number, base = 10, cap = 250): number {
  const ceiling = Math.min(cap, base * 2 ** attempt);
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
