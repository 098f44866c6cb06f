import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { waitForEmail } from "@/tests/e2e/support/mail";
import { downloadCsv, formulaStart, isoInstant, signedInStaff } from "@/tests/e2e/support/staff";
import { confirmVolunteerFromEmail, newVolunteer, offerToHelp } from "@/tests/e2e/support/volunteer";

// Volunteers' names, addresses, phone numbers and notes are encrypted at rest; staff who may see people
// get them decrypted, in the list, the record and the export. A phone number is stored as +44…, and a note
// may start with anything: both start like a formula, and must reach the spreadsheet as text.

const volunteerColumns = [
  "ID",
  "Name",
  "Email",
  "Phone",
  "Health board",
  "Would like to help with",
  "Contact by",
  "Note",
  "Status",
  "Health data consent version",
  "Health data consent given at",
  "Signed up at",
  "Confirmed at",
];

const expectNoAxeProblems = async (page: Page, state: string) =>
  expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);

test.describe("A campaigner exports volunteers", () => {
  test("finds a new volunteer by address, reads the record, and downloads a safe CSV", async ({ page }) => {
    const volunteer = newVolunteer("exported", {
      name: "Fiona Example",
      phone: "07911 123456",
      healthBoard: "Tayside",
      helpWith: ["Share my story with the media", "Speak at events"],
      contactBy: "Phone",
      note: "=1+1 is all I know about spreadsheets",
    });
    const startedAt = Date.now();

    await test.step("a volunteer offers to help and confirms", async () => {
      await offerToHelp(page, volunteer);
      await confirmVolunteerFromEmail(page, await waitForEmail(volunteer.email));
    });

    await signedInStaff(page, "campaigner", "exports-volunteers");

    await test.step("finds the volunteer by their whole email address", async () => {
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Volunteers" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Volunteers" })).toBeVisible();
      const filters = page.getByRole("search", { name: "Filter volunteers" });
      await filters.getByLabel("Email address").fill(volunteer.email);
      await filters.getByLabel("Health board").selectOption("Tayside");
      await filters.getByRole("button", { name: "Apply filters" }).click();
      const rows = page.getByRole("table", { name: /^Volunteers matching the filters/ }).getByRole("row");
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(1)).toContainText(volunteer.name);
      await expect(rows.nth(1)).toContainText("Confirmed");
      await expectNoAxeProblems(page, "the filtered volunteers list");
    });

    await test.step("opens the record: every detail, decrypted", async () => {
      await page.getByRole("link", { name: volunteer.name }).click();
      await expect(page.getByRole("heading", { level: 1, name: volunteer.name })).toBeVisible();
      const main = page.getByRole("main");
      for (const text of [volunteer.email, "+447911123456", "Tayside", "Speak at events", volunteer.note!])
        await expect(main).toContainText(text);
      await expectNoAxeProblems(page, "a volunteer's record");
      await page.goBack();
    });

    await test.step("downloads the CSV: a BOM, a header row, ISO dates, and formulas kept as text", async () => {
      const csv = await downloadCsv(page, page.getByRole("link", { name: /^Download CSV/ }));
      expect(csv.filename).toMatch(/^volunteers-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv.hasBom).toBe(true);
      expect(csv.header).toEqual(volunteerColumns);
      expect(csv.rows).toHaveLength(1);
      const row = csv.rows[0]!;
      expect(row.Name).toBe(volunteer.name);
      expect(row.Email).toBe(volunteer.email);
      expect(row.Phone, "+44… is kept as text").toBe("'+447911123456");
      expect(row.Note, "a note starting with = is kept as text").toBe(`'${volunteer.note}`);
      expect(row["Health board"]).toBe("Tayside");
      expect(row["Would like to help with"]).toBe("Share my story with the media; Speak at events");
      expect(row["Contact by"]).toBe("phone");
      expect(row.Status).toBe("confirmed");
      for (const column of ["Health data consent given at", "Signed up at", "Confirmed at"]) {
        expect(row[column], `${column} is an ISO 8601 instant`).toMatch(isoInstant);
        expect(Date.parse(row[column]!)).toBeGreaterThanOrEqual(startedAt - 60_000);
      }
      expect(csv.cells.filter((cell) => formulaStart.test(cell))).toEqual([]);
    });
  });
});
