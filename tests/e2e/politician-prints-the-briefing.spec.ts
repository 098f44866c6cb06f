import { expect, test } from "@playwright/test";

// A campaigner prints /briefing to hand to an MP: it must come out as one A4 sheet, without the site's
// navigation, naming who it is from, and with every link's address written out so the paper still works.

/** Pages in a PDF: each page object is "/Type /Page" (the page tree is "/Type /Pages"). */
function pageCount(pdf: Buffer): number {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
}

test.describe("A politician's briefing", () => {
  test("prints on exactly one A4 page", async ({ page }) => {
    await page.goto("/briefing");
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Briefing");
    const pdf = await page.pdf({ format: "A4", preferCSSPageSize: true });
    expect(pageCount(pdf), "pages in the printed briefing").toBe(1);
  });

  test("in print, the navigation is gone and the link addresses are written out", async ({ page }) => {
    await page.goto("/briefing");
    await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();

    await page.emulateMedia({ media: "print" });
    await expect(page.locator(".site-header")).toBeHidden();
    await expect(page.locator(".site-footer")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Footer" })).toBeHidden();

    const printed = await page
      .locator(".sources a")
      .first()
      .evaluate((link) => ({
        href: link.getAttribute("href"),
        after: getComputedStyle(link, "::after").content,
      }));
    expect(printed.href).toMatch(/^https:\/\//);
    expect(printed.after, "the source's address follows its title on paper").toContain(printed.href);

    // Still says who it is from, with the charity's registration, once the footer is gone.
    await expect(page.locator("main")).toContainText(/From Breast Cancer Now.*Registered charity 1160558/);
  });
});
