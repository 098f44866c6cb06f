import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { newSupporterAddress } from "@/tests/e2e/support/mail";
import { adminNavigation, signIn, signedInStaff } from "@/tests/e2e/support/staff";

// Only listed addresses can sign in, and a change to the list applies at once: a new role from the next
// page, a removal everywhere, immediately.

const expectNoAxeProblems = async (page: Page, state: string) =>
  expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);

test.describe("An admin manages colleagues", () => {
  test("adds a viewer, makes them a campaigner, then removes them: each change applies at once", async ({
    page,
    browser,
  }) => {
    const colleague = { email: newSupporterAddress("colleague"), role: "viewer" as const };
    const admin = await signedInStaff(page, "admin", "manages-staff");
    const colleagueBrowser = await browser.newContext();
    const colleaguePage = await colleagueBrowser.newPage();
    const row = page.getByRole("row").filter({ hasText: colleague.email });

    await test.step("adds the colleague as a viewer", async () => {
      await adminNavigation(page).getByRole("link", { name: "Staff" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Staff" })).toBeVisible();
      await expectNoAxeProblems(page, "the staff page");
      await page.getByLabel("Their work email address").fill(colleague.email);
      await page.getByLabel("Role", { exact: true }).selectOption("viewer");
      await page.getByRole("button", { name: "Add to staff" }).click();
      await expect(page.getByRole("status")).toHaveText("Added. They can now ask for a sign-in link.");
      await expect(row).toBeVisible();
      await expectNoAxeProblems(page, "the staff page after adding");
    });

    await test.step("the colleague signs in and sees the counts only", async () => {
      await signIn(colleaguePage, colleague);
      await expect(adminNavigation(colleaguePage).getByRole("link")).toHaveText(["Dashboard"]);
    });

    await test.step("the admin makes them a campaigner: their next page shows the lists", async () => {
      await row.getByRole("combobox").selectOption("campaigner");
      await row.getByRole("button", { name: /Change role/ }).click();
      await expect(page.getByRole("status")).toHaveText("Role changed. It applies from their next page.");
      await colleaguePage.reload();
      await expect(adminNavigation(colleaguePage).getByRole("link")).toHaveText([
        "Dashboard",
        "Signatures",
        "Volunteers",
        "Held and limits",
        "Paper pledges",
        "Campaign updates",
        "CRM exports",
        "Emails",
      ]);
    });

    await test.step("the admin removes them: they are signed out everywhere", async () => {
      await row.getByRole("button", { name: /Remove/ }).click();
      await expect(page.getByRole("status")).toHaveText("Removed, and signed out everywhere.");
      await expect(row).toHaveCount(0);
      await colleaguePage.reload();
      await expect(colleaguePage).toHaveURL("/admin/sign-in");
    });

    await test.step("the audit log shows each change, made by this admin", async () => {
      for (const action of ["staff-add", "staff-role", "staff-remove"]) {
        await page.goto(`/admin/audit?action=${action}`);
        const rows = page.getByRole("table", { name: /^Audit events/ }).getByRole("row");
        await expect(rows.filter({ hasText: admin.email }), action).toHaveCount(1);
      }
    });

    await colleagueBrowser.close();
  });
});
