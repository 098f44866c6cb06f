import { expect, test, type Page } from "@playwright/test";
import { waitForEmail } from "@/tests/e2e/support/mail";
import {
  confirmFromEmail,
  fillPledgeForm,
  newSupporter,
  pledgeCounts,
  submitPledgeForm,
  type Supporter,
} from "@/tests/e2e/support/mail-round-trip";
import { downloadCsv, signedInStaff } from "@/tests/e2e/support/staff";

// A partner's link (`/pledge?ref=bcna`) credits the partner with the people it brings: the credit survives
// a mistake in the form, with JavaScript or without, and shows in the count API, the staff dashboard and
// the export. Other journeys sign at the same time, so these check the partner's own count, which only
// these journeys move.

const refField = (page: Page) => page.locator('form input[type="hidden"][name="ref"]');

async function signThroughPartnerLink(page: Page, code: string, supporter: Supporter) {
  const response = await page.goto(`/pledge?ref=${code}`);
  expect(response!.headers()["cache-control"], "still the cached pledge page").toBe(
    "s-maxage=1, stale-while-revalidate=2",
  );
  await expect(refField(page)).toHaveValue(code);

  // A mistake first: no name. The form comes back with the message, and still credits the partner.
  await fillPledgeForm(page, { ...supporter, name: "" });
  await submitPledgeForm(page);
  await expect(page.getByRole("link", { name: "Enter your full name" })).toBeVisible();
  await expect(refField(page)).toHaveValue(code);

  await fillPledgeForm(page, supporter);
  await submitPledgeForm(page);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
  await expect(page.getByTestId("share-links")).toBeVisible();
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(`A supporter follows a partner's link, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });

    test("signs, confirms, and is counted for the partner in the API, the dashboard and the export", async ({
      page,
      request,
      browser,
    }) => {
      const code = javaScriptEnabled ? "bcna" : "rethink";
      const supporter = newSupporter(`partner-${code}`, {
        name: "Pat Partner",
        livesIn: "Outside the UK",
        country: "AU",
      });
      const before = (await pledgeCounts(request)).byPartner[code] ?? 0;

      await test.step(`signs from /pledge?ref=${code}, after correcting a mistake`, async () => {
        await signThroughPartnerLink(page, code, supporter);
      });

      await test.step("confirms from the email", async () => {
        await confirmFromEmail(page, await waitForEmail(supporter.email));
      });

      await test.step("the count API credits the partner", async () => {
        await expect
          .poll(async () => (await pledgeCounts(request)).byPartner[code] ?? 0, { timeout: 10_000 })
          .toBe(before + 1);
      });

      await test.step("staff see it on the dashboard and in the export", async () => {
        const context = await browser.newContext(); // staff use JavaScript
        const staffPage = await context.newPage();
        await signedInStaff(staffPage, "campaigner", `partner-${code}`);
        const table = staffPage.getByTestId("signatures-by-partner");
        await expect(async () => {
          await staffPage.goto("/admin");
          const row = table.getByRole("row").filter({ hasText: code });
          expect(
            Number((await row.getByRole("cell").last().innerText()).replace(/\D/g, "")),
          ).toBeGreaterThanOrEqual(before + 1);
        }).toPass({ timeout: 10_000 });

        await staffPage.goto(`/admin/signatures?q=${encodeURIComponent(supporter.email)}`);
        const csv = await downloadCsv(staffPage, staffPage.getByRole("link", { name: /^Download CSV/ }));
        const mine = csv.rows.filter((row) => row.Email === supporter.email);
        expect(mine, "the supporter's row").toHaveLength(1);
        expect(mine[0]!.Partner).toBe(code);
        await context.close();
      });
    });
  });
}

test("an unknown partner code is ignored: the ordinary pledge page, crediting nobody", async ({ page }) => {
  const response = await page.goto("/pledge?ref=not-a-partner");
  expect(response!.status()).toBe(200);
  expect(response!.headers()["cache-control"]).toBe("s-maxage=1, stale-while-revalidate=2");
  await expect(refField(page)).toHaveValue("");
});
