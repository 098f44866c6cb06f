// Log lines in the native engine's format: Prisma's CLI parses every stderr line as JSON and keeps the
// last ERROR's `fields` (message, error_code) to explain a failure. In `cli` mode a line that is not
// JSON makes the CLI fail with "Could not parse schema engine response", so nothing else may reach stderr.

/**
 * @param {"INFO" | "WARN" | "ERROR"} level
 * @param {string} message
 * @param {Record<string, unknown>} [fields]
 */
export function log(level, message, fields = {}) {
  process.stderr.write(
    `${JSON.stringify({ level, fields: { message, ...fields }, target: "schema_engine::logger" })}\n`,
  );
}

/** Node prints warnings (deprecations, experimental features) as plain text; turn them into log lines. */
export function routeNodeWarningsToLog() {
  process.removeAllListeners("warning");
  process.on("warning", (warning) => log("WARN", `${warning.name}: ${warning.message}`));
}

/** The wasm engine logs through a callback; its lines are already JSON, one per call. */
export function logFromEngine(line) {
  const text = String(line).trim();
  if (text) process.stderr.write(`${text}\n`);
}
