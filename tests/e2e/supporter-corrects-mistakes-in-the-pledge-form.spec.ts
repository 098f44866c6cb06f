import { expect, test, type Page } from "@playwright/test";
import { waitForEmail } from "@/tests/e2e/support/mail";
import {
  expectAPledgeEmail,
  fillPledgeForm,
  newSupporter,
  openPledgeForm,
  submitPledgeForm,
} from "@/tests/e2e/support/mail-round-trip";

const errorSummary = (page: Page) =>
  page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });

const nameMessage = "Your name cannot start with =, +, -, or @";
const emailMessage = "Enter an email address in the right format, like name@example.com";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`A supporter who makes a mistake in the pledge form, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("sends it empty: told what is missing, at the top and at each field", async ({ page }) => {
      await openPledgeForm(page);
      await submitPledgeForm(page);

      const summary = errorSummary(page);
      await expect(summary).toBeVisible();
      await expect(summary.getByRole("link")).toHaveText([
        "Enter your full name",
        "Enter your email address",
        "Select where you live",
      ]);
      if (javaScriptEnabled) await expect(summary, "the summary takes focus").toBeFocused();
      for (const [link, field] of [
        ["Enter your full name", "#name"],
        ["Enter your email address", "#email"],
        ["Select where you live", "#nation-england"],
      ] as const) {
        await expect(summary.getByRole("link", { name: link })).toHaveAttribute("href", field);
      }

      await expect(page.getByLabel("Full name")).toHaveAccessibleDescription("Error: Enter your full name");
      await expect(page.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
      await expect(page.getByLabel("Email address")).toHaveAccessibleDescription(
        /We will email you a link to confirm your signature\.\s*Error: Enter your email address/,
      );
      await expect(page.getByRole("group", { name: "Where do you live?" })).toHaveAccessibleDescription(
        "Error: Select where you live",
      );
      await expect(page, "still on the form: nothing was sent").toHaveURL("/pledge");
    });

    test("a name starting with = and a broken address: told exactly what is wrong, and keeps what they typed, then signs once", async ({
      page,
    }) => {
      const address = `mistakes-${javaScriptEnabled ? "js" : "no-js"}`;
      const supporter = newSupporter(address, {
        name: "=SUM(A1:A9)",
        email: "rhian.example.org",
        livesIn: "Wales",
        campaignEmails: true,
      });
      const realAddress = newSupporter(address).email;

      await test.step("sends the form with both mistakes", async () => {
        await openPledgeForm(page);
        await fillPledgeForm(page, supporter);
        await submitPledgeForm(page);
        await expect(errorSummary(page).getByRole("link")).toHaveText([nameMessage, emailMessage]);
        await expect(page.getByLabel("Full name")).toHaveAccessibleDescription(`Error: ${nameMessage}`);
        await expect(page.getByLabel("Email address")).toHaveAccessibleDescription(
          new RegExp(`Error: ${emailMessage}`),
        );
      });

      await test.step("finds what they typed still there", async () => {
        await expect(page.getByLabel("Full name")).toHaveValue(supporter.name);
        await expect(page.getByLabel("Email address")).toHaveValue(supporter.email);
        await expect(page.getByRole("radio", { name: "Wales" })).toBeChecked();
        await expect(
          page.getByRole("checkbox", { name: /email me about the Count Us In campaign/ }),
        ).toBeChecked();
      });

      await test.step("corrects the address only: the name is still refused", async () => {
        await page.getByLabel("Email address").fill(realAddress);
        await submitPledgeForm(page);
        await expect(errorSummary(page).getByRole("link")).toHaveText([nameMessage]);
        await expect(page).toHaveURL("/pledge");
      });

      await test.step("corrects the name and signs", async () => {
        await page.getByLabel("Full name").fill("Rhian Example");
        await submitPledgeForm(page);
        await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
      });

      await test.step("nothing was kept of the refused attempts: the first email is for the corrected one", async () => {
        // Had the refused attempt with this address been stored, its email would come first, to "=SUM…".
        const email = await waitForEmail(realAddress);
        expectAPledgeEmail(email, "Please confirm your Count Us In signature");
        expect(email.text).toContain("Dear Rhian Example,");
        expect(email.text).toContain("Thank you for signing the Count Us In pledge.");
      });
    });
  });
}
