import crypto from "node:crypto";
import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { signedInStaff } from "@/tests/e2e/support/staff";

// Background work fails where nobody is looking: an hourly clean-up step breaks, an email is refused for
// good. An admin opens the dashboard, is told what failed and where to look, follows the link to the
// emails that did not go, and marks one dealt with. The failures are written straight into this run's
// database, as the server would record them (lib/retention/job-runs.ts, the outbox worker).

const STEP = "emailRecords";

/** Dates as Prisma's SQLite adapter stores them. */
const stored = (date: Date) => date.toISOString().replace("Z", "+00:00");

function withDatabase<T>(work: (sqlite: Database.Database) => T): T {
  const sqlite = new Database(process.env.E2E_DATABASE_FILE!, { fileMustExist: true, timeout: 10_000 });
  try {
    return work(sqlite);
  } finally {
    sqlite.close();
  }
}

test.describe("A member of staff sees what failed in the background", () => {
  const emailId = crypto.randomUUID();
  const since = new Date(Date.now() - 2 * 60 * 60 * 1000);

  test.beforeEach(() => {
    withDatabase((sqlite) => {
      sqlite
        .prepare(
          `INSERT INTO "JobRun" ("name", "lastRunAt", "lastOkAt", "lastError", "failingSince") VALUES (?, ?, NULL, ?, ?)
           ON CONFLICT ("name") DO UPDATE SET "lastRunAt" = excluded."lastRunAt", "lastOkAt" = NULL,
             "lastError" = excluded."lastError", "failingSince" = excluded."failingSince"`,
        )
        .run(STEP, stored(new Date()), "PrismaClientKnownRequestError", stored(since));
      sqlite
        .prepare(
          `INSERT INTO "OutboxMessage" ("id", "kind", "refId", "status", "attempts", "nextAttemptAt", "lastError", "createdAt")
           VALUES (?, 'pledge-confirm', ?, 'failed', 1, ?, 'SMTP 550 after RCPT TO', ?)`,
        )
        .run(emailId, crypto.randomUUID(), stored(new Date()), stored(new Date()));
    });
  });

  // The notice would otherwise stay on every other journey's dashboard until the next hourly round.
  test.afterEach(() => {
    withDatabase((sqlite) => sqlite.prepare(`DELETE FROM "JobRun" WHERE "name" = ?`).run(STEP));
  });

  test("the dashboard names the failed step and the waiting emails, and the emails page deals with them", async ({
    page,
  }) => {
    const admin = await signedInStaff(page, "admin", "failures");

    await test.step("the dashboard says which step failed, since when, and where to look", async () => {
      await page.goto("/admin");
      const notice = page.getByRole("region", { name: "Needs attention" });
      await expect(notice).toContainText(
        "The hourly clean-up step “delete old email delivery records” has failed since",
      );
      await expect(notice).toContainText("(PrismaClientKnownRequestError; it has not worked yet)");
      await expect(notice).toContainText("the others ran.");
      await expect(notice).toContainText(
        "Check the server log for “retention: step failed” with step emailRecords",
      );
      await expect(notice).toContainText(/\d+ emails? failed or were interrupted while sending/);
      expect.soft(await accessibilityProblems(page), "axe: dashboard with notices").toEqual([]);
    });

    await test.step("follows the link to the emails that did not go", async () => {
      await page.getByRole("link", { name: "see the emails that did not go" }).click();
      await expect(page).toHaveURL("/admin/emails");
      await expect(page.getByRole("row").filter({ hasText: "SMTP 550 after RCPT TO" })).toHaveCount(1);
      expect.soft(await accessibilityProblems(page), "axe: emails that did not go").toEqual([]);
    });

    await test.step("marks the refused email dealt with: it leaves the list, unsent", async () => {
      const row = page.getByRole("row").filter({ hasText: "SMTP 550 after RCPT TO" });
      await row.getByRole("button", { name: /^Dealt with/ }).click();
      await expect(page).toHaveURL(/\/admin\/emails\?done=dismissed&count=1$/);
      await expect(page.getByRole("status")).toContainText("1 email is marked as dealt with");
      await expect(page.getByRole("row").filter({ hasText: "SMTP 550 after RCPT TO" })).toHaveCount(0);
      const status = withDatabase(
        (sqlite) =>
          sqlite.prepare(`SELECT "status", "lastError" FROM "OutboxMessage" WHERE "id" = ?`).get(emailId) as {
            status: string;
            lastError: string;
          },
      );
      expect(status).toEqual({ status: "cancelled", lastError: "dismissed by staff" });
    });

    await test.step("the audit log says who dealt with it", async () => {
      await page.goto("/admin/audit?action=dismiss-email");
      const rows = page.getByRole("table", { name: /^Audit events/ }).getByRole("row");
      await expect(rows.filter({ hasText: admin.email })).toHaveCount(1);
    });
  });
});
