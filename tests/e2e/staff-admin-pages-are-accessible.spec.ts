import path from "node:path";
import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { waitForEmail } from "@/tests/e2e/support/mail";
import { newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import { openAllDetails } from "@/tests/e2e/support/site";
import { isStaffOnly, servedEntryPoints } from "@/tests/e2e/support/served-entry-points";
import { signedInStaff } from "@/tests/e2e/support/staff";
import { confirmVolunteerFromEmail, newVolunteer, offerToHelp } from "@/tests/e2e/support/volunteer";

// Staff use screen readers, magnifiers and keyboards too. Every admin page, found in the build's manifests as
// the guard test finds them, is checked as an admin sees it (an admin sees every section), with a real person in
// the lists so their tables and records are checked too.

test.describe("A disabled member of staff can use every admin page", () => {
  test("no admin page has an automatically detectable WCAG 2.2 AA failure", async ({ page }) => {
    // Axe on every admin page, one after another: about two minutes on a busy 2-core machine, which is the
    // suite's default bound, so this one test gets room for the pages it visits.
    test.setTimeout(5 * 60_000);
    const supporter = newSupporter("admin-axe-signer", { name: "Tam Example", livesIn: "Scotland" });
    const volunteer = newVolunteer("admin-axe-volunteer", { name: "Rona Example" });
    await signThePledge(page, supporter);
    await offerToHelp(page, volunteer);
    await confirmVolunteerFromEmail(page, await waitForEmail(volunteer.email));

    await signedInStaff(page, "admin", "axe");
    const staticPages = servedEntryPoints(path.resolve(__dirname, "../../.next")).filter(
      (entry) => entry.kind === "page" && !entry.dynamic && isStaffOnly(entry),
    );
    expect(staticPages.length).toBeGreaterThan(1);

    for (const entry of staticPages) {
      await test.step(entry.url, async () => {
        const response = await page.goto(entry.url);
        expect.soft(response?.status(), `${entry.url} answers 200`).toBe(200);
        await expect.soft(page.getByRole("heading", { level: 1 })).toBeVisible();
        await openAllDetails(page);
        expect.soft(await accessibilityProblems(page), `axe on ${entry.url}`).toEqual([]);
      });
    }

    await test.step("a signature's record", async () => {
      await page.goto(`/admin/signatures?q=${encodeURIComponent(supporter.email)}`);
      await page.getByRole("link", { name: supporter.name }).click();
      await expect(page.getByRole("heading", { level: 1, name: supporter.name })).toBeVisible();
      expect.soft(await accessibilityProblems(page), "axe on a signature's record").toEqual([]);
    });

    await test.step("a volunteer's record", async () => {
      await page.goto(`/admin/volunteers?q=${encodeURIComponent(volunteer.email)}`);
      await page.getByRole("link", { name: volunteer.name }).click();
      await expect(page.getByRole("heading", { level: 1, name: volunteer.name })).toBeVisible();
      expect.soft(await accessibilityProblems(page), "axe on a volunteer's record").toEqual([]);
    });

    await test.step("the lists with filters that are wrong", async () => {
      for (const url of ["/admin/signatures?from=2026-13-45", "/admin/volunteers?q=not-an-address"]) {
        await page.goto(url);
        await expect(page.getByRole("alert", { name: "There is a problem" })).toBeVisible();
        expect.soft(await accessibilityProblems(page), `axe on ${url}`).toEqual([]);
      }
    });
  });
});
