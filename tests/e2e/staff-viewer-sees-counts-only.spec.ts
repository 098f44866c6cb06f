import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { adminNavigation, signedInStaff } from "@/tests/e2e/support/staff";

// A viewer sees the numbers and charts, and never a person: no lists, no records, no exports, whether
// they follow the links or type the addresses.

test.describe("A viewer", () => {
  test("sees the dashboard only, and cannot list or export anyone", async ({ page }) => {
    await signedInStaff(page, "viewer", "counts-only");

    await test.step("the dashboard shows the counts, and the menu offers nothing else", async () => {
      await expect(page.getByText(/^[\d,]+ confirmed signatures$/)).toBeVisible();
      await expect(adminNavigation(page).getByRole("link")).toHaveText(["Dashboard"]);
      await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveCount(0);
      expect.soft(await accessibilityProblems(page), "axe: the viewer's dashboard").toEqual([]);
    });

    for (const path of ["/admin/signatures", "/admin/volunteers"]) {
      await test.step(`typing ${path}: told they do not have access`, async () => {
        const response = await page.goto(path);
        expect(response?.status()).toBe(403);
        await expect(
          page.getByRole("heading", { level: 1, name: "You do not have access to this page" }),
        ).toBeVisible();
        await expect(page.getByRole("link", { name: /Download CSV/ })).toHaveCount(0);
        expect.soft(await accessibilityProblems(page), `axe: ${path} for a viewer`).toEqual([]);
      });
    }

    for (const path of ["/api/admin/export/signatures", "/api/admin/export/volunteers"]) {
      await test.step(`the export ${path} answers 403, with no data`, async () => {
        const response = await page.request.get(path);
        expect(response.status()).toBe(403);
        expect(response.headers()["content-type"]).not.toContain("text/csv");
        expect(await response.json()).toEqual({ message: "Your role does not allow this." });
      });
    }
  });
});
