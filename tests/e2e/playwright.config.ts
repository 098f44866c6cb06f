import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

const repoRoot = path.resolve(__dirname, "../..");
const port = 3100;
const baseURL = `http://localhost:${port}`;
const isCI = Boolean(process.env.CI);

// A throwaway database per run, so the suite never touches a developer's data and never sees an earlier
// run's. Set once here and inherited by the test workers, which load this file again; removed by the
// global teardown.
process.env.E2E_DATABASE_FILE ??= path.join(os.tmpdir(), `count-us-in-e2e-${process.pid}-${Date.now()}.db`);

// Playwright's own browser download cannot reach its CDN on our machines; Debian's Chromium is used instead
// (tests/support/ensure-chromium.sh installs it). Without the networking flags Chromium keeps calling
// Google's services, which the closed network refuses many times a second.
const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export default defineConfig({
  testDir: ".",
  testMatch: "**/*.spec.ts",
  globalTeardown: "./support/remove-database.ts",
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
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          args: chromiumArgs,
        },
      },
    },
  ],
  // The production build, as visitors get it: static pages, compressed assets, no dev overlay.
  webServer: {
    command: `npm run build && npm run start -- -p ${port}`,
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
    },
  },
});
