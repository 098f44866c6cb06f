import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { newSupporterAddress } from "@/tests/e2e/support/mail";
import { adminNavigation, signedInStaff } from "@/tests/e2e/support/staff";

// A campaigner back from an event with a pile of paper forms: uploads the sheet they typed them into, sees
// which rows have problems before anything is stored, stores the rest and sees the total rise on the
// dashboard, undoes it (the wrong file), and types a late form in by hand. Then the same upload with
// JavaScript off: a plain form post, with the problem shown on the page.

const errorSummary = (page: Page) =>
  page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });

const today = () => new Date().toISOString().slice(0, 10);

/** The dashboard's confirmed total and its paper figure, read as staff see them. */
async function dashboardFigures(page: Page): Promise<{ total: number; paper: number }> {
  await page.goto("/admin");
  const number = async (text: string | null) => Number((text ?? "").replace(/[^0-9]/g, ""));
  return {
    total: await number(
      await page
        .locator(".admin-stats li")
        .filter({ hasText: "confirmed signatures" })
        .locator("strong")
        .textContent(),
    ),
    paper: await number(await page.getByTestId("paper-total").textContent()),
  };
}

/** The dashboard, once its count (cached for a second) has caught up. */
async function expectDashboard(page: Page, expected: { total: number; paper: number }) {
  await expect.poll(() => dashboardFigures(page), { timeout: 10_000 }).toEqual(expected);
}

async function uploadFile(page: Page, eventName: string, csv: string) {
  const form = page.locator("form#upload");
  await form.getByLabel("Event", { exact: true }).fill(eventName);
  await form.getByLabel("Day of the event").fill(today());
  await form
    .getByLabel("CSV file")
    .setInputFiles({ name: "event.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await form.getByRole("button", { name: "Check the file" }).click();
}

test.describe("A campaigner adds pledges signed on paper", () => {
  test("uploads a sheet, sees the problems, stores it, undoes it, and types one in", async ({ page }) => {
    const amira = newSupporterAddress("paper-amira");
    const dana = newSupporterAddress("paper-dana");
    const csv = [
      "Name,Email,Nation,Country,Campaign emails",
      `Amira Paper,${amira},England,,yes`,
      "Bryn Paper,,Wales,,no",
      `Dana Paper,${dana},Outside the UK,Portugal,no`,
      "Bad Address,not-an-email,England,,no",
      '=HYPERLINK("http://example.org"),,England,,no',
    ].join("\r\n");
    const eventName = `Parliament drop-in ${Date.now()}`;

    await signedInStaff(page, "campaigner", "paper");
    const before = await dashboardFigures(page);

    await test.step("finds the page, with the columns explained and a template to download", async () => {
      await adminNavigation(page).getByRole("link", { name: "Paper pledges" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Paper pledges" })).toBeVisible();
      await expect(page.getByRole("table", { name: "Columns of the file" })).toContainText("Campaign emails");
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "Download the template (CSV)" }).click();
      expect((await download).suggestedFilename()).toBe("paper-pledges-template.csv");
      expect.soft(await accessibilityProblems(page), "axe: the paper pledges page").toEqual([]);
    });

    await test.step("uploads the sheet: the preview shows each problem by row, and stores nothing", async () => {
      await uploadFile(page, eventName, csv);
      await expect(page).toHaveURL(/\/admin\/paper\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(eventName);
      const problems = page.getByRole("table", { name: "Problems, by row of the file" });
      await expect(problems.getByRole("row").nth(1)).toContainText("5");
      await expect(problems.getByRole("row").nth(1)).toContainText(
        "Enter an email address in the right format",
      );
      await expect(problems.getByRole("row").nth(2)).toContainText("looks like a spreadsheet formula");
      const rows = page.getByRole("table", { name: "What happens to each row" });
      await expect(rows.getByRole("row").filter({ hasText: "Bryn Paper" })).toContainText(
        "paper only (no email)",
      );
      expect.soft(await accessibilityProblems(page), "axe: the preview").toEqual([]);
      const preview = page.url();
      await expectDashboard(page, before);
      await page.goto(preview);
    });

    await test.step("stores the three good rows: the total and the paper figure rise by three", async () => {
      await page.getByRole("button", { name: "Store 3 signatures" }).click();
      await expect(page.getByRole("status")).toContainText("Stored 3 signatures");
      expect.soft(await accessibilityProblems(page), "axe: a stored batch").toEqual([]);
      await expectDashboard(page, { total: before.total + 3, paper: before.paper + 3 });
      await expect(page.getByRole("table", { name: "Latest paper batches stored" })).toContainText(eventName);
    });

    await test.step("undoes the upload: the total falls back", async () => {
      await page.goto("/admin/paper");
      await page.getByRole("button", { name: `Undo ${eventName}, ${today()}` }).click();
      await expect(page.getByRole("status")).toContainText("Undone: 3 signatures removed");
      await expectDashboard(page, before);
    });

    await test.step("types a form in: told beside the field what is wrong, then it counts at once", async () => {
      await page.goto("/admin/paper");
      const form = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Add this pledge" }) });
      await form.getByLabel("Event", { exact: true }).fill(eventName);
      await form.getByLabel("Day of the event").fill(today());
      await form.getByLabel("Full name").fill("Cai Paper");
      await form.getByLabel("Email address (optional)").fill("cai@");
      await form.getByRole("radio", { name: "Wales" }).check();
      await form.getByRole("button", { name: "Add this pledge" }).click();
      await expect(errorSummary(page)).toBeVisible();
      const email = form.getByLabel("Email address (optional)");
      await expect(email).toHaveAccessibleDescription(/Enter an email address in the right format/);
      expect.soft(await accessibilityProblems(page), "axe: the type-in form with a problem").toEqual([]);

      await email.fill(amira);
      await form.getByRole("button", { name: "Add this pledge" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Added Cai Paper" })).toBeVisible();
      await expectDashboard(page, { total: before.total + 1, paper: before.paper + 1 });
    });

    await test.step("the same mailbox typed in again: told beside the email field, nothing added", async () => {
      await page.goto("/admin/paper");
      const form = page
        .locator("form")
        .filter({ has: page.getByRole("button", { name: "Add this pledge" }) });
      await form.getByLabel("Event", { exact: true }).fill(eventName);
      await form.getByLabel("Day of the event").fill(today());
      await form.getByLabel("Full name").fill("Cai Again");
      await form.getByLabel("Email address (optional)").fill(amira.toUpperCase());
      await form.getByRole("radio", { name: "Wales" }).check();
      await form.getByRole("button", { name: "Add this pledge" }).click();
      await expect(form.getByLabel("Email address (optional)")).toHaveAccessibleDescription(
        /already signed the pledge/,
      );
      await expectDashboard(page, { total: before.total + 1, paper: before.paper + 1 });
    });
  });
});

test.describe("Without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("a wrong file is refused with a message on the page; a right one is previewed and stored", async ({
    page,
  }) => {
    await signedInStaff(page, "admin", "paper-no-js");
    await page.goto("/admin/paper");
    const eventName = `Holyrood stall ${Date.now()}`;

    await uploadFile(page, eventName, "Full name,Where\nEilidh,Scotland\n");
    await expect(page).toHaveURL(/\/admin\/paper(#upload)?$/);
    await expect(errorSummary(page)).toContainText("Missing: Email, Nation, Campaign emails");
    await expect(page.getByLabel("CSV file")).toHaveAccessibleDescription(/Expected: Name, Email, Nation/);
    await expect(
      page.locator("form#upload").getByLabel("Event", { exact: true }),
      "the event is kept",
    ).toHaveValue(eventName);
    // (axe needs JavaScript in the page; the journey above checks these pages with it.)

    await uploadFile(page, eventName, "Name,Email,Nation,Campaign emails\nEilidh Paper,,Scotland,yes\n");
    await expect(page).toHaveURL(/\/admin\/paper\/[0-9a-f-]{36}$/);
    await page.getByRole("button", { name: "Store 1 signature" }).click();
    await expect(page.getByRole("status")).toContainText("Stored 1 signature. It counts in the total now.");
  });
});
