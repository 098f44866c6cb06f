import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { linkIn, waitForEmail, type CaughtEmail } from "@/tests/e2e/support/mail";
import {
  confirmFromEmail,
  countsCountedAfter,
  newSupporter,
  pledgeCounts,
  signThePledge,
  type Supporter,
} from "@/tests/e2e/support/mail-round-trip";

// These journeys change the count; playwright.config.ts runs them one at a time, so each sees exactly
// its own signature come and go.

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

/** Signs, confirms, and waits until the count includes them. Returns the email and the total with them. */
async function aCountedSupporter(page: Page, request: APIRequestContext, supporter: Supporter) {
  const before = await pledgeCounts(request);
  await signThePledge(page, supporter);
  const email = await waitForEmail(supporter.email);
  await confirmFromEmail(page, email);
  await expect
    .poll(async () => (await pledgeCounts(request)).total, { timeout: 5_000 })
    .toBe(before.total + 1);
  return { email, total: before.total + 1 };
}

function manageLink(email: CaughtEmail): string {
  const url = linkIn(email, "/pledge/manage/");
  expect(url, "the email has a link to manage the signature").toBeDefined();
  return url!;
}

test.describe("A supporter changes their mind", () => {
  test("withdraws from the link in the email: no longer counted, and the link then says so", async ({
    page,
    request,
  }) => {
    const supporter = newSupporter("withdraws", { name: "Niamh Example", livesIn: "Northern Ireland" });
    const { email, total } = await test.step("has signed and been counted", () =>
      aCountedSupporter(page, request, supporter));
    const northernIreland = (await pledgeCounts(request)).byNation["northern-ireland"] ?? 0;

    await test.step("opens the link in the email and withdraws", async () => {
      await page.goto(manageLink(email));
      await expect(heading(page, "Your signature")).toBeVisible();
      await page.getByRole("button", { name: "Withdraw my signature" }).click();
      await expect(heading(page, "Your signature has been withdrawn")).toBeVisible();
      await expect(page).toHaveURL("/pledge/withdrawn");
    });

    await test.step("the count drops by one within 5 s", async () => {
      await expect.poll(async () => (await pledgeCounts(request)).total, { timeout: 5_000 }).toBe(total - 1);
      expect((await pledgeCounts(request)).byNation["northern-ireland"] ?? 0).toBe(northernIreland - 1);
    });

    await test.step("the link in the email now finds no signature", async () => {
      await page.goto(manageLink(email));
      await expect(heading(page, "There is no signature for this link")).toBeVisible();
      await expect(page.getByRole("button")).toHaveCount(0);
    });

    await test.step("nor can the old confirmation link bring it back", async () => {
      await page.goto(linkIn(email, "/pledge/confirm/")!);
      await expect(heading(page, "We cannot use this link")).toBeVisible();
      await expect(page.getByRole("button", { name: "Confirm my signature" })).toHaveCount(0);
    });
  });

  test("stops campaign emails and stays counted", async ({ page, request }) => {
    const supporter = newSupporter("stops-emails", { campaignEmails: true });
    const { email, total } = await test.step("has signed, asking for campaign emails, and been counted", () =>
      aCountedSupporter(page, request, supporter));

    await test.step("opens the link in the email and stops campaign emails", async () => {
      await page.goto(manageLink(email));
      await expect(page.getByText("You get emails about the campaign.")).toBeVisible();
      await page.getByRole("button", { name: "Stop campaign emails" }).click();
      await expect(page.getByRole("status")).toHaveText(
        "Done: we will not send you campaign emails. Your signature still counts.",
      );
      await expect(page.getByText("You do not get campaign emails.")).toBeVisible();
      await expect(page.getByRole("button", { name: "Stop campaign emails" })).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Withdraw my signature" })).toBeVisible();
    });

    await test.step("is still counted", async () => {
      expect((await countsCountedAfter(request, new Date())).total).toBe(total);
    });
  });
});
