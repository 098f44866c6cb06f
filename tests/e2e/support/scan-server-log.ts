import fs from "node:fs";
import { personalDataKindsIn } from "@/tests/e2e/support/log-scan";
import { readPersonalData } from "@/tests/e2e/support/personal-data";

// Global teardown: the app's log from this run (everything the production server wrote, captured by the
// webServer command in playwright.config.ts) must hold none of the names, email addresses or phone numbers
// the journeys used (recorded by the helpers in personal-data.ts). It runs before Playwright stops the
// server, once every test has had its answer, so every request's lines are already written.

/** Waits until the log has stopped growing (the server's last lines pass through `tee`). */
async function settled(file: string): Promise<void> {
  let size = -1;
  for (let waited = 0; waited < 3_000; waited += 300) {
    const now = fs.statSync(file).size;
    if (now === size) return;
    size = now;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export async function scanServerLog(
  logFile: string | undefined,
  dataFile: string | undefined,
): Promise<void> {
  if (!logFile || !dataFile) return;
  if (!fs.existsSync(logFile)) {
    // Only when Playwright reused a server it did not start (never in CI): its output is not ours to read.
    if (process.env.CI) throw new Error(`the app's log was not captured at ${logFile}`);
    console.warn("e2e: the server's log was not captured (a reused server?): personal-data scan skipped");
    return;
  }
  await settled(logFile);
  const kinds = personalDataKindsIn(fs.readFileSync(logFile, "utf8"), readPersonalData(dataFile));
  fs.rmSync(dataFile, { force: true });
  if (kinds.length > 0) {
    // Kinds only: the failure message itself must not repeat what it found. The log stays for a look.
    throw new Error(
      `the server's log holds personal data the run used (${kinds.join(", ")}); see ${logFile}`,
    );
  }
  fs.rmSync(logFile, { force: true });
}

export default async function scanServerLogTeardown(): Promise<void> {
  await scanServerLog(process.env.E2E_SERVER_LOG, process.env.E2E_PERSONAL_DATA_FILE);
}
