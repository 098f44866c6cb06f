import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { linkIn, waitForEmail } from "@/tests/e2e/support/mail";
import { confirmFromEmail, newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import {
  adminNavigation,
  downloadCsv,
  formulaStart,
  isoInstant,
  signedInStaff,
} from "@/tests/e2e/support/staff";

// The campaigns team loads supporters into their CRM: first everyone, then what changed since. Other
// journeys sign and confirm while this runs, so each file is searched for this supporter's row rather
// than counted. The columns page and the file share one list of columns; this checks they agree.

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });
const documentedColumns = (page: Page) =>
  page.getByRole("region", { name: "What each column means" }).getByRole("term").allTextContents();

test.describe("A campaigner exports supporters for the CRM", () => {
  test("downloads everyone, then only what changed, and reads what each column means", async ({ page }) => {
    const supporter = newSupporter("crm", {
      name: "Rhiannon Evans",
      livesIn: "Wales",
      campaignEmails: true,
    });

    const email = await test.step("a supporter signs, asking for campaign emails, and confirms", async () => {
      await signThePledge(page, supporter);
      const message = await waitForEmail(supporter.email);
      await confirmFromEmail(page, message);
      return message;
    });

    await signedInStaff(page, "campaigner", "exports-crm");

    const columns = await test.step("opens CRM exports and reads the columns it documents", async () => {
      await adminNavigation(page).getByRole("link", { name: "CRM exports" }).click();
      await expect(heading(page, "CRM exports")).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: "What each column means" })).toBeVisible();
      expect.soft(await accessibilityProblems(page), "axe: the CRM exports page").toEqual([]);
      const documented = await documentedColumns(page);
      expect(documented.slice(0, 2)).toEqual(["Action", "Signature ID"]);
      return documented;
    });

    await test.step("downloads the full export: the supporter as an upsert, name split, consents dated", async () => {
      const csv = await downloadCsv(page, page.getByRole("link", { name: "Download the full CRM export" }));
      expect(csv.filename).toMatch(/^crm-full-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv.hasBom).toBe(true);
      expect(csv.header, "the file has the columns the page documents, in order").toEqual(columns);
      const row = csv.rows.find((r) => r.Email === supporter.email);
      expect(row, "the confirmed supporter is in the file").toBeDefined();
      expect(row).toMatchObject({
        Action: "upsert",
        "Full name": "Rhiannon Evans",
        "Given name": "Rhiannon",
        "Family name": "Evans",
        "Name split": "yes",
        Nation: "wales",
        Country: "GB",
        Source: "online",
        "Campaign emails": "yes",
      });
      for (const column of ["Pledge consent at", "Campaign emails since", "Signed at", "Confirmed at"])
        expect(row![column], column).toMatch(isoInstant);
      expect(csv.rows.map((r) => r["Full name"])).not.toContain("[erased]");
      expect(csv.cells.filter((cell) => formulaStart.test(cell))).toEqual([]);
    });

    await test.step("sees the export listed as downloaded in full", async () => {
      await page.reload();
      const table = page.getByRole("table", { name: /CRM exports, newest first/ });
      await expect(table.getByRole("row").nth(1)).toContainText("Full");
      await expect(table.getByRole("row").nth(1)).toContainText("Yes");
    });

    await test.step("the supporter stops campaign emails", async () => {
      await page.goto(linkIn(email, "/pledge/manage/")!);
      await page.getByRole("button", { name: "Stop campaign emails" }).click();
      await expect(page.getByText("You do not get campaign emails.")).toBeVisible();
    });

    await test.step("downloads the changes since the last export: the supporter again, emails off", async () => {
      await page.goto("/admin/exports");
      const csv = await downloadCsv(
        page,
        page.getByRole("link", { name: "Download changes since the last export" }),
      );
      expect(csv.filename).toMatch(/^crm-changes-/);
      expect(csv.header).toEqual(columns);
      const row = csv.rows.find((r) => r.Email === supporter.email);
      expect(row).toMatchObject({ Action: "upsert", "Campaign emails": "no" });
      expect(Date.parse(row!["Campaign emails since"]!)).toBeGreaterThan(Date.parse(row!["Signed at"]!));
    });

    await test.step("a date in the future is refused next to the field, then today's date downloads", async () => {
      const form = page.getByRole("form", { name: "Changes since a date" });
      const tomorrow = new Date(Date.now() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
      await form.getByLabel("Changes since").fill(tomorrow);
      await form.getByRole("button", { name: "Download changes since this date" }).click();
      await expect(page).toHaveURL(/\/admin\/exports\?since=/);
      const field = page.getByRole("textbox", { name: "Changes since" });
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(/Enter today's date or an earlier one/);
      await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText(
        "Enter today's date or an earlier one",
      );
      expect.soft(await accessibilityProblems(page), "axe: the form with its error").toEqual([]);

      await field.fill(new Date().toISOString().slice(0, 10));
      const csv = await downloadCsv(
        page,
        page.getByRole("button", { name: "Download changes since this date" }),
      );
      expect(csv.rows.find((r) => r.Email === supporter.email)).toMatchObject({ "Campaign emails": "no" });
    });
  });
});
