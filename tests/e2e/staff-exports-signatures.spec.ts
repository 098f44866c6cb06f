import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { newSupporterAddress } from "@/tests/e2e/support/mail";
import { newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import { downloadCsv, formulaStart, isoInstant, signedInStaff } from "@/tests/e2e/support/staff";

// The pledge form refuses names that start with = + - or @ (lib/validation/fields.ts), so no signer can
// be called "=HYPERLINK(…)" through the site: the integration test tests/integration/admin-exporting-people
// .test.ts seeds such names straight into the database. What a visitor CAN send is shown here: an address
// that starts with "-" and a name that starts with a full-width "＝", which spreadsheets also read as a
// formula. Both reach the export, and both must come out as text.

const signatureColumns = [
  "ID",
  "Name",
  "Email",
  "Nation",
  "Country",
  "Status",
  "Campaign emails",
  "Consent version",
  "Consent given at",
  "Signed at",
  "Confirmed at",
  "Partner",
];

const resultsTable = (page: Page) => page.getByRole("table", { name: /^Signatures matching the filters/ });
const downloadLink = (page: Page) => page.getByRole("link", { name: /^Download CSV/ });

test.describe("A campaigner exports signatures", () => {
  test("filters the list, downloads the CSV, and opens it safely in a spreadsheet", async ({ page }) => {
    const hyphen = newSupporter("hyphen", {
      name: "Ann -Smith",
      email: newSupporterAddress("-ann"), // "-ann.1a2b3c4d@example.org": a valid address, and a formula
      livesIn: "Wales",
    });
    const fullWidth = newSupporter("full-width", { name: "＝SUM(1+1)", livesIn: "England" });
    const startedAt = Date.now();

    await test.step("two supporters sign (and have not confirmed yet)", async () => {
      await signThePledge(page, hyphen);
      await signThePledge(page, fullWidth);
    });

    await signedInStaff(page, "campaigner", "exports-signatures");

    await test.step("filters the signatures by address, status and nation", async () => {
      await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Signatures" }).click();
      await expect(page.getByRole("heading", { level: 1, name: "Signatures" })).toBeVisible();
      const filters = page.getByRole("search", { name: "Filter signatures" });
      await filters.getByLabel("Name or email address").fill(hyphen.email);
      await filters.getByLabel("Status").selectOption({ label: "Waiting for email confirmation" });
      await filters.getByLabel("Nation").selectOption({ label: "Wales" });
      await filters.getByRole("button", { name: "Apply filters" }).click();
      await expect(page).toHaveURL(/\/admin\/signatures\?/);
      const rows = resultsTable(page).getByRole("row");
      await expect(rows).toHaveCount(2); // the header and one signature
      await expect(rows.nth(1)).toContainText(hyphen.name);
      await expect(rows.nth(1)).toContainText(hyphen.email);
      expect.soft(await accessibilityProblems(page), "axe: the filtered list").toEqual([]);
    });

    await test.step("downloads the filtered CSV: a BOM, a header row, ISO dates, and the row as typed but safe", async () => {
      const csv = await downloadCsv(page, downloadLink(page));
      expect(csv.filename).toMatch(/^signatures-\d{4}-\d{2}-\d{2}\.csv$/);
      expect(csv.hasBom, "starts with a UTF-8 byte-order mark").toBe(true);
      expect(csv.header).toEqual(signatureColumns);
      expect(csv.rows).toHaveLength(1);
      const row = csv.rows[0]!;
      expect(row.Name, "a hyphen inside a name is left alone").toBe("Ann -Smith");
      expect(row.Email, "an address starting with - is kept as text").toBe(`'${hyphen.email}`);
      expect(row.Status).toBe("pending");
      expect(row.Country).toBe("GB");
      expect(row["Campaign emails"]).toBe("no");
      expect(row["Confirmed at"], "not confirmed").toBe("");
      for (const column of ["Signed at", "Consent given at"]) {
        expect(row[column], `${column} is an ISO 8601 instant`).toMatch(isoInstant);
        expect(Date.parse(row[column]!)).toBeGreaterThanOrEqual(startedAt - 60_000);
      }
    });

    await test.step("clears the filters and downloads everything: no cell can run as a formula", async () => {
      await page.getByRole("link", { name: "Clear filters" }).click();
      await expect(page).toHaveURL("/admin/signatures");
      const csv = await downloadCsv(page, downloadLink(page));
      expect(csv.hasBom).toBe(true);
      expect(csv.header).toEqual(signatureColumns);
      const names = csv.rows.map((row) => row.Name);
      expect(names, "a full-width = is neutralised too").toContain(`'${fullWidth.name}`);
      expect(names).toContain("Ann -Smith");
      expect(
        csv.cells.filter((cell) => formulaStart.test(cell)),
        "cells a spreadsheet would run as formulas",
      ).toEqual([]);
      for (const row of csv.rows) expect.soft(row["Signed at"]).toMatch(isoInstant);
    });
  });
});
