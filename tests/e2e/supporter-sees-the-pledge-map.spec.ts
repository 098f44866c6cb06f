import { expect, test } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { pledgeCounts } from "@/tests/e2e/support/mail-round-trip";
import { countryName } from "@/lib/values/countries";
import { ukNations } from "@/lib/values/nations";

// The pledge page's map of where people signed is drawn on the server; its table must say exactly what the
// count API says (both are at most a few seconds old, so they are compared until a pair agrees).

test("the map's table agrees with the count API, nation by nation and country by country", async ({
  page,
  request,
}) => {
  await expect(async () => {
    const counts = await pledgeCounts(request);
    await page.goto("/pledge");
    const table = page.getByTestId("signatures-by-place");
    const shown: Record<string, number> = {};
    for (const row of await table.locator("tbody tr").all()) {
      const place = (await row.getAttribute("data-place"))!;
      shown[place] = Number((await row.getByRole("cell").innerText()).replace(/\D/g, ""));
    }
    const expected: Record<string, number> = {};
    for (const nation of ukNations) expected[nation.value] = counts.byNation[nation.value] ?? 0;
    for (const [code, n] of Object.entries(counts.byCountry)) if (n > 0) expected[code] = n;
    expect(shown).toEqual(expected);
    for (const [code] of Object.entries(counts.byCountry).filter(([code]) => code !== "GB"))
      await expect(table.getByRole("rowheader", { name: countryName(code), exact: true })).toBeVisible();
  }).toPass({ timeout: 20_000 });

  const map = page.getByRole("img", { name: /Confirmed signatures in the UK, by nation/ });
  await expect(map).toBeVisible();
  await expect(page.getByRole("heading", { name: "Milestones" })).toBeVisible();
  await expect(page.getByText(/of our goal of [\d,]+ signatures/)).toBeVisible();
  expect(await accessibilityProblems(page), "axe: the pledge page with its map and milestones").toEqual([]);
});
