/**
 * The app's one wiring style. Each module exports a factory that takes what it needs
 * (`createX(db, { secret, … })`), so tests build their own; each domain's binding to the app's database,
 * settings and keys is `export const x = bindOnce(() => createX(db, …))`, made on first use. Nothing is
 * made at import, so `next build` never needs a database or a secret, and a missing production key fails
 * the first request that needs it, loudly.
 */
export function bindOnce<T>(create: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: create() }).value;
}
