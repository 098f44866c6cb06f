import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { waitForEmail } from "@/tests/e2e/support/mail";
import { newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import { signedInStaff } from "@/tests/e2e/support/staff";
import {
  expectAVolunteerEmail,
  confirmEmailSubject,
  newVolunteer,
  offerToHelp,
} from "@/tests/e2e/support/volunteer";

// Someone asks the charity to erase what it holds about them. An admin finds everything by their email
// address, checks, and erases: the signature loses its name and address (its place in the count stays;
// this one was never confirmed, so the count does not move), and the volunteer record is deleted.

const expectNoAxeProblems = async (page: Page, state: string) =>
  expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);

test.describe("An admin erases a person", () => {
  test("finds their signature and volunteer record by address, erases both, and the log keeps no details", async ({
    page,
  }) => {
    const supporter = newSupporter("erase-me", { name: "Eilidh Example", livesIn: "Scotland" });
    const volunteer = newVolunteer("erase-me", { name: "Eilidh Example", email: supporter.email });

    const manageUrl = await test.step("the person signed the pledge and offered to help", async () => {
      await signThePledge(page, supporter);
      await offerToHelp(page, volunteer);
      const emails = await Promise.all([waitForEmail(supporter.email, 1), waitForEmail(supporter.email, 2)]);
      const toVolunteer = emails.find((email) => email.subject === confirmEmailSubject);
      expect(toVolunteer, "the volunteer confirmation email").toBeDefined();
      return expectAVolunteerEmail(toVolunteer!, confirmEmailSubject);
    });

    const admin = await signedInStaff(page, "admin", "erases");

    await test.step("finds everything held for the address", async () => {
      await page
        .getByRole("navigation", { name: "Admin" })
        .getByRole("link", { name: "Find and erase" })
        .click();
      await expect(page.getByRole("heading", { level: 1, name: "Find and erase a person" })).toBeVisible();
      await expectNoAxeProblems(page, "the person finder");
      await page.getByLabel("Their email address").fill(supporter.email.toUpperCase());
      await page.getByRole("button", { name: "Find what we hold" }).click();
      const found = page.getByRole("region", { name: /^What we hold for/ });
      await expect(found).toBeVisible();
      await expect(found).toContainText(supporter.name);
      await expect(found).not.toContainText("No signature for this address");
      await expect(found).not.toContainText("No volunteer record for this address");
      await expectNoAxeProblems(page, "what we hold");
    });

    await test.step("follows the erase link: told what will happen, and nothing erased yet", async () => {
      await page.getByRole("link", { name: "Erase these details…" }).click();
      await expect(
        page.getByRole("heading", { level: 1, name: "Erase this person's details?" }),
      ).toBeVisible();
      await expect(page.getByRole("heading", { name: "Their signature will be anonymised" })).toBeVisible();
      await expect(
        page.getByRole("heading", { name: "Their volunteer record will be deleted" }),
      ).toBeVisible();
      await expect(page.getByRole("main"), "the page names no one").not.toContainText(supporter.email);
      await expectNoAxeProblems(page, "the erase confirmation");
    });

    await test.step("erases: both done, and said so", async () => {
      await page.getByRole("button", { name: "Erase now" }).click();
      await expect(page).toHaveURL("/admin/people?signature=anonymised&volunteer=deleted");
      const done = page.getByRole("status").filter({ hasText: "Erasure done" });
      await expect(done).toContainText("The signature was anonymised");
      await expect(done).toContainText("The volunteer record was deleted");
      await expectNoAxeProblems(page, "erasure done");
    });

    await test.step("searching again finds nothing, and the volunteer's own link holds nothing", async () => {
      await page.getByLabel("Their email address").fill(supporter.email);
      await page.getByRole("button", { name: "Find what we hold" }).click();
      await expect(
        page.getByText("We hold no signature or volunteer record for this address."),
      ).toBeVisible();
      await page.goto(manageUrl);
      await expect(
        page.getByRole("heading", { level: 1, name: "We hold no details for this link" }),
      ).toBeVisible();
    });

    await test.step("the audit log records the erasure by record id, without the person's details", async () => {
      await page.goto("/admin/audit?action=erase");
      const rows = page.getByRole("table", { name: /^Audit events/ }).getByRole("row");
      const mine = rows.filter({ hasText: admin.email });
      await expect(mine).toHaveCount(1);
      const main = page.getByRole("main");
      await expect(main).not.toContainText(supporter.email);
      await expect(main).not.toContainText(supporter.name);
      await expectNoAxeProblems(page, "the audit log");
    });
  });
});
