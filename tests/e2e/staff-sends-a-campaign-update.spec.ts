import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { emailsTo, hrefsIn, linkIn, waitForEmails, type CaughtEmail } from "@/tests/e2e/support/mail";
import {
  confirmFromEmail,
  newSupporter,
  signThePledge,
  type Supporter,
} from "@/tests/e2e/support/mail-round-trip";
import { adminNavigation, signedInStaff } from "@/tests/e2e/support/staff";

// A campaigner writes an update, checks it as the email people will get, and sends it to signers in one
// nation. It arrives once, with the one-click unsubscribe headers mail providers use, and its visible
// "Stop campaign emails" link lets the reader stop them. The same pages work without JavaScript.

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

async function aConfirmedSupporter(page: Page, supporter: Supporter): Promise<void> {
  await signThePledge(page, supporter);
  const [confirmation] = await waitForEmails(supporter.email, 1);
  await confirmFromEmail(page, confirmation!);
}

async function writeUpdate(
  page: Page,
  update: { subject: string; body: string; nation: string; rate: string },
) {
  await page.getByLabel("Subject").fill(update.subject);
  await page.getByLabel("The update").fill(update.body);
  await page.getByLabel("Only signers in").selectOption({ label: update.nation });
  await page.getByLabel("Emails a minute").fill(update.rate);
  await page.getByRole("button", { name: "Save and preview" }).click();
}

/** The update's email to `address`, once it has arrived. */
async function updateEmailTo(address: string, subject: string): Promise<CaughtEmail> {
  let found: CaughtEmail | undefined;
  await expect
    .poll(
      async () => {
        found = (await emailsTo(address)).find((email) => email.subject === subject);
        return Boolean(found);
      },
      { timeout: 30_000, message: `the update reaches ${address}` },
    )
    .toBe(true);
  return found!;
}

test.describe("A campaigner sends a campaign update", () => {
  test("writes and previews it, sends it to signers in Wales, and a reader stops campaign emails from it", async ({
    page,
    request,
  }) => {
    const welsh = newSupporter("update-wales", { livesIn: "Wales", campaignEmails: true });
    const scottish = newSupporter("update-scotland", { livesIn: "Scotland", campaignEmails: true });
    const subject = `News from the campaign ${crypto.randomUUID().slice(0, 8)}`;

    await test.step("two supporters who asked for campaign emails sign and confirm", async () => {
      await aConfirmedSupporter(page, welsh);
      await aConfirmedSupporter(page, scottish);
    });

    await signedInStaff(page, "campaigner", "sends-updates");

    await test.step("writes an update and sees the email as people will get it", async () => {
      await adminNavigation(page).getByRole("link", { name: "Campaign updates" }).click();
      await expect(heading(page, "Campaign updates")).toBeVisible();
      expect.soft(await accessibilityProblems(page), "axe: the updates page").toEqual([]);
      await writeUpdate(page, {
        subject,
        body: "We met the **minister**.\n\n<b>Not bold</b>. Read [the briefing](https://example.org/briefing).",
        nation: "Wales",
        rate: "6000",
      });
      await expect(page).toHaveURL(/\/admin\/updates\/[0-9a-f-]{36}\?done=saved$/);
      await expect(heading(page, subject)).toBeVisible();
      const formatted = page.locator(".panel").filter({ hasText: "We met the" });
      await expect(formatted.locator("strong")).toHaveText("minister");
      await expect(formatted).toContainText("<b>Not bold</b>");
      await expect(formatted.getByRole("link", { name: "the briefing" })).toHaveAttribute(
        "href",
        "https://example.org/briefing",
      );
      const text = page.locator("pre").first();
      await expect(text).toContainText("Dear (their name),");
      await expect(text).toContainText("Read the briefing (https://example.org/briefing).");
      await expect(text).toContainText("Stop campaign emails: ");
      await expect(page.getByText("List-Unsubscribe=One-Click")).toBeVisible();
      expect.soft(await accessibilityProblems(page), "axe: the draft and its preview").toEqual([]);
    });

    await test.step("is asked to confirm, with the number of people, before anything is sent", async () => {
      await expect(
        page.getByText(/^It will go to \d[\d,]* (person|people), at 6,000 a minute/),
      ).toBeVisible();
      const send = page.getByRole("button", { name: /^Send to \d[\d,]* (person|people)$/ });
      await send.click();
      const checkbox = page.getByRole("checkbox", { name: /I have checked the preview/ });
      await expect(checkbox).toHaveAccessibleDescription(/Tick the box to confirm/);
      await checkbox.check();
      await send.click();
      await expect(page).toHaveURL(/\?done=sending$/);
      await expect(page.getByRole("heading", { level: 2, name: "Progress" })).toBeVisible();
    });

    let email: CaughtEmail;
    await test.step("it reaches the signer in Wales once, with one-click unsubscribe; not the one in Scotland", async () => {
      email = await updateEmailTo(welsh.email, subject);
      expect(email.headers["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
      expect(email.headers["list-unsubscribe"]).toMatch(
        /^<https?:\/\/[^>]+\/api\/pledge\/unsubscribe\?token=[^>]+>$/,
      );
      expect(email.text).toContain("Dear Sam Example,");
      expect(email.html).toContain("<strong>minister</strong>");
      await expect
        .poll(
          async () =>
            page.reload().then(() =>
              page
                .getByRole("status")
                .filter({ hasText: /^Finished/ })
                .count(),
            ),
          {
            timeout: 30_000,
          },
        )
        .toBe(1);
      expect((await emailsTo(welsh.email)).filter((received) => received.subject === subject)).toHaveLength(
        1,
      );
      expect(
        (await emailsTo(scottish.email)).filter((received) => received.subject === subject),
      ).toHaveLength(0);
      expect.soft(await accessibilityProblems(page), "axe: the progress").toEqual([]);
    });

    await test.step("the reader follows the visible link and stops campaign emails", async () => {
      const manageUrl = linkIn(email, "/pledge/manage/");
      expect(manageUrl).toBeDefined();
      expect(hrefsIn(email)).toContain(manageUrl);
      expect(email.text).toContain(`Stop campaign emails: ${manageUrl}`);
      await page.goto(manageUrl!);
      await page.getByRole("button", { name: "Stop campaign emails" }).click();
      await expect(page.getByText("Done: we will not send you campaign emails.")).toBeVisible();
      await expect(page.getByText("You do not get campaign emails.")).toBeVisible();
    });

    await test.step("the one-click address: a GET only leads to that page; a provider's POST is answered 200", async () => {
      const oneClick = /^<(.+)>$/.exec(email.headers["list-unsubscribe"]!)![1]!;
      const get = await request.get(oneClick, { maxRedirects: 0 });
      expect(get.status()).toBe(303);
      expect(new URL(get.headers().location!).pathname).toBe(
        new URL(linkIn(email, "/pledge/manage/")!).pathname,
      );
      const post = await request.post(oneClick, {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        data: "List-Unsubscribe=One-Click",
      });
      expect(post.status()).toBe(200);
    });
  });

  test("works without JavaScript: mistakes are shown beside the fields, sending asks to confirm, progress refreshes", async ({
    page,
    browser,
  }) => {
    // Signing needs the browser's challenge (without JavaScript a sign-up is held), so the reader signs with it.
    await aConfirmedSupporter(page, newSupporter("update-nojs", { livesIn: "Wales", campaignEmails: true }));
    const context = await browser.newContext({
      javaScriptEnabled: false,
      baseURL: test.info().project.use.baseURL,
    });
    const staffPage = await context.newPage();
    try {
      await signedInStaff(staffPage, "campaigner", "updates-without-js");
      await staffPage.goto("/admin/updates");
      await staffPage.getByLabel("Emails a minute").fill("0");
      await staffPage.getByRole("button", { name: "Save and preview" }).click();
      await expect(staffPage.getByRole("alert")).toContainText("There is a problem");
      await expect(staffPage.getByLabel("Subject")).toHaveAccessibleDescription(/Enter a subject/);
      await expect(staffPage.getByLabel("The update")).toHaveAccessibleDescription(/Write the update/);
      await expect(staffPage.getByLabel("Emails a minute")).toHaveAccessibleDescription(
        /Send at least 1 a minute/,
      );

      const subject = `Without JavaScript ${crypto.randomUUID().slice(0, 8)}`;
      await writeUpdate(staffPage, { subject, body: "A short update.", nation: "Wales", rate: "6000" });
      await expect(heading(staffPage, subject)).toBeVisible();
      await expect(staffPage.locator("pre").first()).toContainText("A short update.");
      const send = staffPage.getByRole("button", { name: /^Send to \d/ });
      await send.click();
      const checkbox = staffPage.getByRole("checkbox", { name: /I have checked the preview/ });
      await expect(checkbox).toHaveAccessibleDescription(/Tick the box to confirm/);
      await checkbox.check();
      await send.click();
      await expect(staffPage).toHaveURL(/\?done=sending$/);
      await staffPage.getByRole("link", { name: "Refresh the counts" }).click();
      await expect(staffPage.getByRole("heading", { level: 2, name: "Progress" })).toBeVisible();
      await expect(staffPage.getByRole("row", { name: /^Sent \d/ })).toBeVisible();
    } finally {
      await context.close();
    }
  });
});
