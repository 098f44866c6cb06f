// pino's settings, shared by the app's logger (lib/platform/log.ts, bundled by Next.js) and the production
// server entry (serve.mjs, plain JavaScript run by node), so every line on stdout has one shape.

/** pino's levels, lowest to highest noise; LOG_LEVEL in lib/platform/env.ts lists the same. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

// A second line of defence: code logs ids and counts, never people, but an object that slips into a log
// call with one of these keys (at the top or up to two levels down) is censored before it is written.
const PERSONAL_KEYS = ["email", "name", "phone", "note", "to", "address", "authorization", "cookie"];
export const REDACT_PATHS = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  '*.headers["set-cookie"]',
  '*.headers["x-forwarded-for"]',
]);

/**
 * Errors keep their type, code and stack frames but lose their message: a database or mail error message
 * can quote the values it was given (an address, a name).
 * @param {unknown} error
 */
export function serializeError(error) {
  if (!(error instanceof Error)) return { type: typeof error };
  const code = /** @type {{ code?: unknown }} */ (error).code;
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  return { type: error.name, ...(typeof code === "string" && { code }), stack: frames.join("\n") };
}

/** LOG_LEVEL as serve.mjs reads it (it cannot import lib/platform/env.ts): an unknown value is refused there too. */
export function logLevelFrom(value) {
  const level = value?.trim() || "info";
  if (!LOG_LEVELS.includes(level)) throw new RangeError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`);
  return level;
}

/** @param {string} level */
export function loggerOptions(level) {
  return {
    level,
    // Labels rather than pino's numbers: readable by people and by any log collector's level filter.
    formatters: { level: (label) => ({ level: label }) },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: { err: serializeError },
  };
}
