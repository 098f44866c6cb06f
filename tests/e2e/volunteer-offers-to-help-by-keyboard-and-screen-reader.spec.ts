import { expect, test, type Locator, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { waitForEmail } from "@/tests/e2e/support/mail";
import {
  confirmLinkIn,
  expectAVolunteerEmail,
  fillVolunteerForm,
  heading,
  newVolunteer,
  openVolunteerForm,
  pauseLikeAVolunteer,
  submitVolunteerForm,
  volunteerFields,
  welcomeEmailSubject,
} from "@/tests/e2e/support/volunteer";
import { openAllDetails } from "@/tests/e2e/support/site";

const errorSummary = (page: Page) =>
  page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });

/** Presses `key` until `target` has focus, as a keyboard user would; fails if it never does. */
async function pressUntilFocused(page: Page, target: Locator, key = "Tab", limit = 60) {
  for (let presses = 0; presses < limit; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  await expect(target, `${key} reaches it within ${limit} presses`).toBeFocused({ timeout: 1 });
}

test.describe("A disabled volunteer offers to help", () => {
  test("by keyboard alone, led back to the fields they missed", async ({ page }) => {
    const volunteer = newVolunteer("volunteer-keyboard", { name: "Kit Example" });
    const fields = volunteerFields(page);
    const media = fields.helpWith.getByRole("checkbox", { name: "Share my story with the media" });
    const msp = fields.helpWith.getByRole("checkbox", { name: /Contact or meet my MSP/ });
    const byEmail = fields.contactBy.getByRole("radio", { name: "Email" });
    const byPhone = fields.contactBy.getByRole("radio", { name: "Phone" });

    await test.step("tabs from the top of the page to the form and fills each field in turn", async () => {
      await openVolunteerForm(page);
      await pressUntilFocused(page, fields.name);
      await page.keyboard.type(volunteer.name);
      await page.keyboard.press("Tab");
      await expect(fields.email).toBeFocused();
      await page.keyboard.type(volunteer.email);
      await page.keyboard.press("Tab");
      await expect(fields.phone).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(fields.healthBoard).toBeFocused();

      await page.keyboard.press("Tab");
      await expect(media).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(msp).toBeFocused();
      await page.keyboard.press("Space");
      await expect(msp).toBeChecked();
      await expect(media).not.toBeChecked();

      // Through the other boxes to the radios: one stop for the group, arrows to choose.
      await pressUntilFocused(page, byEmail);
      await page.keyboard.press("ArrowDown");
      await expect(byPhone).toBeFocused();
      await expect(byPhone).toBeChecked();
      await page.keyboard.press("ArrowUp");
      await expect(byEmail).toBeChecked();

      await page.keyboard.press("Tab");
      await expect(fields.note).toBeFocused();
      await page.keyboard.type("I use a screen reader; email suits me.");
      await page.keyboard.press("Tab");
      await expect(fields.healthConsent).toBeFocused();
      await page.keyboard.press("Tab");
      await expect(fields.send).toBeFocused();
    });

    await test.step("sends it without a health board or consent: the summary leads to each", async () => {
      await page.keyboard.press("Enter");
      const summary = errorSummary(page);
      await expect(summary).toBeFocused();
      await expect(summary.getByRole("link")).toHaveCount(2);

      await page.keyboard.press("Tab");
      await expect(summary.getByRole("link", { name: "Select your health board" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(fields.healthBoard).toBeFocused();
      await page.keyboard.type("Lothian");
      await expect(fields.healthBoard).toHaveValue("Lothian");

      await pressUntilFocused(
        page,
        summary.getByRole("link", {
          name: "To volunteer, tick the box to agree to us holding this information",
        }),
        "Shift+Tab",
      );
      await page.keyboard.press("Enter");
      await expect(fields.healthConsent).toBeFocused();
      await page.keyboard.press("Space");
      await expect(fields.healthConsent).toBeChecked();
    });

    await test.step("what they typed is still there; sends with Enter", async () => {
      await expect(fields.name).toHaveValue(volunteer.name);
      await expect(fields.note).toHaveValue("I use a screen reader; email suits me.");
      await pressUntilFocused(page, fields.send);
      await pauseLikeAVolunteer(page);
      await page.keyboard.press("Enter");
      await expect(heading(page, "Check your email")).toBeVisible();
    });

    await test.step("confirms from the email with the keyboard", async () => {
      await page.goto(confirmLinkIn(await waitForEmail(volunteer.email)));
      await pressUntilFocused(page, page.getByRole("button", { name: "Confirm my email address" }));
      await page.keyboard.press("Enter");
      await expect(heading(page, "Thank you")).toBeVisible();
    });

    await test.step("withdraws from the welcome email with the keyboard", async () => {
      const manageUrl = expectAVolunteerEmail(await waitForEmail(volunteer.email, 2), welcomeEmailSubject);
      await page.goto(manageUrl);
      await pressUntilFocused(page, page.getByRole("button", { name: "Withdraw and delete my details" }));
      await page.keyboard.press("Enter");
      await expect(heading(page, "Your details have been deleted")).toBeVisible();
    });
  });

  test("meets no WCAG 2.2 AA failure axe can find, at any step from offering to withdrawing", async ({
    page,
  }) => {
    const volunteer = newVolunteer("volunteer-axe", { phone: "07400 123456", note: "Happy to help." });
    const expectNoAxeProblems = async (state: string) => {
      await openAllDetails(page);
      expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);
    };

    await page.goto("/scotland");
    await expectNoAxeProblems("the Scotland page");

    await openVolunteerForm(page);
    await expectNoAxeProblems("the empty form");

    await submitVolunteerForm(page);
    await expect(errorSummary(page)).toBeVisible();
    await expectNoAxeProblems("the form with every error");

    await fillVolunteerForm(page, { ...volunteer, healthConsent: false, phone: "12345" });
    await submitVolunteerForm(page);
    await expect(errorSummary(page).getByRole("link")).toHaveCount(2);
    await expectNoAxeProblems("the form with a bad phone number and no consent");

    await fillVolunteerForm(page, volunteer);
    await submitVolunteerForm(page);
    await expect(heading(page, "Check your email")).toBeVisible();
    await expectNoAxeProblems("check your email");

    const confirmation = await waitForEmail(volunteer.email);
    await page.goto(confirmLinkIn(confirmation));
    await expect(heading(page, "Confirm your email address")).toBeVisible();
    await expectNoAxeProblems("the confirm button");

    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(heading(page, "Thank you")).toBeVisible();
    await expectNoAxeProblems("thank you");

    const manageUrl = expectAVolunteerEmail(await waitForEmail(volunteer.email, 2), welcomeEmailSubject);
    await page.goto(manageUrl);
    await expect(heading(page, "Withdraw and delete your details")).toBeVisible();
    await expectNoAxeProblems("the withdraw button");

    await page.getByRole("button", { name: "Withdraw and delete my details" }).click();
    await expect(heading(page, "Your details have been deleted")).toBeVisible();
    await expectNoAxeProblems("withdrawn");

    await page.goto(manageUrl);
    await expect(heading(page, "We hold no details for this link")).toBeVisible();
    await expectNoAxeProblems("the withdraw link after withdrawing");

    await page.goto(confirmLinkIn(confirmation));
    await expect(heading(page, "We cannot use this link")).toBeVisible();
    await expectNoAxeProblems("the confirmation link after withdrawing");
  });
});
