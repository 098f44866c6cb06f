import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { mailCatcher } from "@/tests/e2e/support/mail";
import chromiumFlags from "@/tests/support/chromium-flags.json";

const repoRoot = path.resolve(__dirname, "../..");
const port = 3100;
const baseURL = `http://localhost:${port}`;
const isCI = Boolean(process.env.CI);

// A throwaway database per run, so the suite never touches a developer's data and never sees an earlier
// run's. Set once here and inherited by the test workers, which load this file again; removed by the
// global teardown.
process.env.E2E_DATABASE_FILE ??= path.join(os.tmpdir(), `count-us-in-e2e-${process.pid}-${Date.now()}.db`);
// The app's signing key for this run, known to the tests too: a link that has expired is made by signing
// a real link again with yesterday's date, instead of waiting a week.
process.env.E2E_APP_SECRET ??= crypto.randomBytes(32).toString("base64url");
// The key that seals volunteers' details in this run, so the app never generates one into a developer's
// data/ folder. The campaigns team's address is an inbox in the mail catcher, so the journeys can read
// the "a new volunteer is waiting" notification.
process.env.E2E_VOLUNTEER_KEYS ??= `e2e:${crypto.randomBytes(32).toString("base64url")}`;
process.env.E2E_CAMPAIGNS_TEAM_EMAIL ??= "campaigns@e2e.test";
// The app's log (everything the production server writes) and the names, addresses and phone numbers the
// journeys typed in (support/personal-data.ts): the global teardown checks that the first holds none of
// the second (support/scan-server-log.ts).
const runFiles = path.join(os.tmpdir(), `count-us-in-e2e-${process.pid}-${Date.now()}`);
process.env.E2E_SERVER_LOG ??= `${runFiles}-server.log`;
process.env.E2E_PERSONAL_DATA_FILE ??= `${runFiles}-personal-data.jsonl`;

// Playwright's own browser download cannot reach its CDN on our machines; Debian's Chromium is used instead
// (tests/support/ensure-chromium.sh installs it). Without the networking flags Chromium keeps calling
// Google's services, which the closed network refuses many times a second
// (tests/support/chromium-flags.json, shared with tests/lighthouse/lighthouserc.cjs).
const chromiumArgs: string[] = chromiumFlags;

// Journeys that confirm or withdraw a signature change the public count, and each checks that the count
// moved by exactly its own signature. They run one at a time (alongside the rest of the suite), so that
// no other journey's signature lands in between. A new spec that confirms or withdraws belongs here.
const countChangingJourneys = [
  "supporter-signs-the-pledge.spec.ts",
  "staff-adds-paper-pledges.spec.ts",
  "supporter-withdraws.spec.ts",
  "disabled-supporter-signs-the-pledge.spec.ts",
  "supporter-signs-through-a-partner-link.spec.ts",
  "staff-exports-for-the-crm.spec.ts",
  "staff-sends-a-campaign-update.spec.ts",
].map((file) => `**/${file}`);

// Specs that load the machine on their own: 100 browsers at once, and a second production build. Run
// beside the rest, they starve it (and are starved): on two cores both ran past their timeouts. They run
// last, one at a time, once everything else has finished.
const machineFillingSpecs = [
  "people-on-one-busy-network-sign-the-pledge.spec.ts",
  "guard-catches-known-bypasses.spec.ts",
].map((file) => `**/${file}`);

const chromium = {
  ...devices["Desktop Chrome"],
  // The site scrolls smoothly for people who have not asked for less motion (app/globals.css). Playwright
  // clicks at the point where it found an element; on a starved machine a smooth scroll was still moving
  // the page when the click landed (the page's scrollTop went from 2,286 to 2,435 within one click), and a
  // click meant for a radio button sent the form. The suite browses as someone who prefers reduced
  // motion, so every page stands still when it is clicked.
  reducedMotion: "reduce" as const,
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: chromiumArgs,
  },
};

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  // In this order, both while the app still runs: Playwright stops its web servers after them.
  globalTeardown: ["./support/scan-server-log.ts", "./support/remove-database.ts"],
  outputDir: path.join(repoRoot, "test-results/e2e"),
  fullyParallel: true,
  forbidOnly: isCI,
  // A flaky test is fixed, not retried.
  retries: 0,
  workers: 2,
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never", outputFolder: path.join(repoRoot, "playwright-report") }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
  },
  projects: [
    // First, so its one-at-a-time queue starts at once instead of being left to run alone at the end.
    {
      name: "chromium: journeys that change the count",
      testMatch: countChangingJourneys,
      workers: 1,
      fullyParallel: false,
      use: chromium,
    },
    {
      name: "chromium",
      testIgnore: [...countChangingJourneys, ...machineFillingSpecs],
      use: chromium,
    },
    {
      name: "chromium: machine-filling specs, alone at the end",
      testMatch: machineFillingSpecs,
      dependencies: ["chromium: journeys that change the count", "chromium"],
      workers: 1,
      fullyParallel: false,
      use: chromium,
    },
  ],
  webServer: [
    // Supporters' inbox: a real SMTP server the app sends to, read by the tests over HTTP.
    {
      command: "npx tsx tests/e2e/support/mail-catcher.ts",
      cwd: repoRoot,
      url: `${mailCatcher.apiUrl}/health`,
      timeout: 30_000,
      reuseExistingServer: !isCI,
      stdout: "pipe",
      stderr: "pipe",
      env: { E2E_SMTP_PORT: String(mailCatcher.smtpPort), E2E_MAIL_API_PORT: String(mailCatcher.apiPort) },
    },
    // The production build, as visitors get it: static pages, compressed assets, no dev overlay. Everything
    // the server writes goes to E2E_SERVER_LOG as it is written; here only what is not routine (not
    // info, debug or trace lines, such as one per request) so the run's output stays readable.
    {
      command:
        `npm run build && npm run start -- -p ${port} 2>&1 | tee "${process.env.E2E_SERVER_LOG}"` +
        ` | grep --line-buffered -v '^{"level":"\\(info\\|debug\\|trace\\)"'`,
      cwd: repoRoot,
      url: baseURL,
      timeout: 5 * 60_000,
      reuseExistingServer: !isCI,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        DATABASE_URL: `file:${process.env.E2E_DATABASE_FILE}`,
        SITE_URL: baseURL,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        APP_SECRET: process.env.E2E_APP_SECRET,
        SMTP_URL: mailCatcher.smtpUrl,
        // Every journey signs from 127.0.0.1, one network. Its free allowance covers the few sign-ups made
        // without JavaScript; everyone else gets through by the challenge their browser solves, which
        // people-on-one-busy-network-sign-the-pledge.spec.ts proves with 100 people.
        SIGNUPS_FREE_PER_ADDRESS_PER_HOUR: "30",
        // The volunteer form's own per-address limit (lib/volunteers/service.ts).
        SIGNUPS_PER_IP_PER_MINUTE: "1000",
        // The test runner plays the one proxy in front of the app: staff sign in "from" addresses of
        // their own with X-Forwarded-For (tests/e2e/support/staff.ts), as they would behind a balancer.
        TRUSTED_PROXY_HOPS: "1",
        VOLUNTEER_KEYS: process.env.E2E_VOLUNTEER_KEYS,
        CAMPAIGNS_TEAM_EMAIL: process.env.E2E_CAMPAIGNS_TEAM_EMAIL,
      },
    },
  ],
});
