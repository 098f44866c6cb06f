// One-shot commands (`schema-engine --datasource <json> cli <command>`) that `migrate dev`, `migrate deploy`
// and `db push` run before starting the engine, to check that the database exists and to create it.
// The CLI reads the outcome from the exit code and, on failure, from the last ERROR line on stderr,
// skipping the first line (the native engine's start-up line), which is why one is always written first.
import { log } from "./log.mjs";
import {
  createPostgresDatabase,
  databaseName,
  dropPostgresDatabase,
  postgresConnectionError,
} from "./postgres.mjs";
import { createSqliteDatabase, dropSqliteDatabase, sqliteDatabaseExists, sqliteFile } from "./sqlite.mjs";

/** @returns {Promise<{ code: string, message: string } | undefined>} the error to report, if any */
async function connectionError(provider, url) {
  if (provider === "postgresql") return postgresConnectionError(url);
  return sqliteDatabaseExists(url)
    ? undefined
    : { code: "P1003", message: `Database \`${sqliteFile(url)}\` does not exist` };
}

const COMMANDS = {
  "can-connect-to-database": connectionError,
  "create-database": async (provider, url) => {
    await (provider === "postgresql" ? createPostgresDatabase(url) : createSqliteDatabase(url));
  },
  "drop-database": async (provider, url) => {
    await (provider === "postgresql" ? dropPostgresDatabase(url) : dropSqliteDatabase(url));
  },
};

/** @returns {Promise<number>} the process exit code */
export async function runCliCommand(command, provider, url) {
  log("INFO", `schema engine (wasm): cli ${command}`);
  const run = COMMANDS[command];
  if (!run) {
    log("ERROR", `schema engine: unknown cli command "${command}"`);
    return 1;
  }
  try {
    const failure = await run(provider, url);
    if (!failure) return 0;
    log("ERROR", failure.message, { error_code: failure.code });
  } catch (error) {
    const name = provider === "postgresql" ? databaseName(url) : sqliteFile(url);
    log("ERROR", `${command} failed for ${name}: ${error?.message ?? error}`, { error_code: "P1001" });
  }
  return 1;
}
