import fs from "node:fs";

/** Global teardown: the run's throwaway SQLite database (see playwright.config.ts) goes with the run. */
export default function removeDatabase(): void {
  const file = process.env.E2E_DATABASE_FILE;
  if (!file) return;
  for (const suffix of ["", "-journal", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
}
