import { expect, test, type Locator, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { linkIn, waitForEmail } from "@/tests/e2e/support/mail";
import {
  fillPledgeForm,
  newSupporter,
  openPledgeForm,
  pauseLikeAPerson,
  submitPledgeForm,
} from "@/tests/e2e/support/mail-round-trip";
import { openAllDetails } from "@/tests/e2e/support/site";

// These journeys confirm signatures, which changes the count; playwright.config.ts runs them one at a
// time with the other journeys that do.

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

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

test.describe("A disabled supporter signs the pledge", () => {
  test("by keyboard alone, with the error summary leading to each field", async ({ page }) => {
    const supporter = newSupporter("keyboard", { name: "Kit Example" });
    const name = page.getByLabel("Full name");
    const email = page.getByLabel("Email address");
    const england = page.getByRole("radio", { name: "England" });
    const campaignEmails = page.getByRole("checkbox", { name: /email me about the Count Us In campaign/ });
    const signButton = page.getByRole("button", { name: "Sign the pledge" });
    const summary = errorSummary(page);

    await test.step("tabs from the top of the page to the form, and through every field", async () => {
      await openPledgeForm(page);
      await pressUntilFocused(page, name);
      for (const next of [
        email,
        england,
        page.getByLabel("Country, if you live outside the UK"),
        campaignEmails,
        page.getByRole("link", { name: "Read our privacy notice" }),
        signButton,
      ]) {
        await page.keyboard.press("Tab");
        await expect(next).toBeFocused();
      }
    });

    await test.step("presses Enter with nothing filled in: the error summary takes focus", async () => {
      await page.keyboard.press("Enter");
      await expect(summary).toBeVisible();
      await expect(summary).toBeFocused();
    });

    await test.step("each link in the summary moves focus to its field", async () => {
      await page.keyboard.press("Tab");
      await expect(summary.getByRole("link", { name: "Enter your full name" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(name).toBeFocused();
      await page.keyboard.type(supporter.name);

      // Back up into the summary: its last link comes just before the first field.
      await page.keyboard.press("Shift+Tab");
      await expect(summary.getByRole("link", { name: "Select where you live" })).toBeFocused();
      await page.keyboard.press("Enter");
      await expect(england).toBeFocused();
      await page.keyboard.press("Space");
      await expect(england).toBeChecked();

      await pressUntilFocused(
        page,
        summary.getByRole("link", { name: "Enter your email address" }),
        "Shift+Tab",
      );
      await page.keyboard.press("Enter");
      await expect(email).toBeFocused();
      await page.keyboard.type(supporter.email);
    });

    await test.step("ticks the campaign emails box with Space and signs with Enter", async () => {
      await pressUntilFocused(page, campaignEmails);
      await page.keyboard.press("Space");
      await expect(campaignEmails).toBeChecked();
      await pressUntilFocused(page, signButton);
      await pauseLikeAPerson(page);
      await page.keyboard.press("Enter");
      await expect(heading(page, "Check your email")).toBeVisible();
    });

    await test.step("confirms from the email with the keyboard", async () => {
      const confirmation = await waitForEmail(supporter.email);
      await page.goto(linkIn(confirmation, "/pledge/confirm/")!);
      await pressUntilFocused(page, page.getByRole("button", { name: "Confirm my signature" }));
      await page.keyboard.press("Enter");
      await expect(heading(page, "Thank you: you are counted")).toBeVisible();
    });
  });

  test("meets no WCAG 2.2 AA failure axe can find, at any step from signing to withdrawing", async ({
    page,
  }) => {
    const supporter = newSupporter("axe", { campaignEmails: true });
    const expectNoAxeProblems = async (state: string) => {
      await openAllDetails(page);
      expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);
    };

    await openPledgeForm(page);
    await expectNoAxeProblems("the empty form");

    await submitPledgeForm(page);
    await expect(errorSummary(page)).toBeVisible();
    await expectNoAxeProblems("the form with errors");

    await fillPledgeForm(page, supporter);
    await submitPledgeForm(page);
    await expect(heading(page, "Check your email")).toBeVisible();
    await expectNoAxeProblems("check your email");

    const confirmation = await waitForEmail(supporter.email);
    await page.goto(linkIn(confirmation, "/pledge/confirm/")!);
    await expect(heading(page, "Confirm your signature")).toBeVisible();
    await expectNoAxeProblems("the confirm button");

    await page.getByRole("button", { name: "Confirm my signature" }).click();
    await expect(heading(page, "Thank you: you are counted")).toBeVisible();
    await expectNoAxeProblems("thank you");

    const manageUrl = linkIn(confirmation, "/pledge/manage/")!;
    await page.goto(manageUrl);
    await expect(heading(page, "Your signature")).toBeVisible();
    await expectNoAxeProblems("managing the signature");

    await page.getByRole("button", { name: "Stop campaign emails" }).click();
    await expect(page.getByRole("status")).toBeVisible();
    await expectNoAxeProblems("campaign emails stopped");

    await page.getByRole("button", { name: "Withdraw my signature" }).click();
    await expect(heading(page, "Your signature has been withdrawn")).toBeVisible();
    await expectNoAxeProblems("withdrawn");

    await page.goto(manageUrl);
    await expect(heading(page, "There is no signature for this link")).toBeVisible();
    await expectNoAxeProblems("the link after withdrawing");
  });
});
