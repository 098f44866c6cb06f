import { expect, type APIRequestContext, type Page } from "@playwright/test";
import type { PledgeCounts } from "@/lib/pledge/counts";
import { hrefsIn, linkIn, newSupporterAddress, type CaughtEmail } from "@/tests/e2e/support/mail";
import { recordPersonalData } from "@/tests/e2e/support/personal-data";

// The pledge's round trip through email, as a supporter makes it: fill the form in, get the email, follow
// its link, press the button. And the count those steps move.

export type Supporter = {
  name: string;
  email: string;
  /** The label of the "Where do you live?" radio. */
  livesIn: "England" | "Scotland" | "Wales" | "Northern Ireland" | "Outside the UK";
  /** ISO 3166 code chosen in the country list, when outside the UK. */
  country?: string;
  campaignEmails?: boolean;
};

/** A supporter with an inbox of their own (see newSupporterAddress). */
export function newSupporter(label: string, details: Partial<Supporter> = {}): Supporter {
  const supporter: Supporter = {
    name: "Sam Example",
    email: newSupporterAddress(label),
    livesIn: "England",
    ...details,
  };
  recordPersonalData({ name: supporter.name, email: supporter.email });
  return supporter;
}

/**
 * People take a few seconds to fill the form in, and the app quietly sets aside anything faster as a
 * bot (lib/pledge/sign.ts, MIN_FILL_MS = 2 s): no email, not counted. Journeys wait this long after the
 * form was shown before they submit, as a person would.
 */
export const A_PERSONS_PAUSE_MS = 2_500;

const formShownAt = new WeakMap<Page, number>();

export async function openPledgeForm(page: Page): Promise<void> {
  if (!formShownAt.has(page)) {
    // A submission with mistakes comes back as a new page with a new form, with JavaScript or without (the
    // form as first sent has no React), so the pause starts again from there.
    page.on("load", () => {
      if (new URL(page.url()).pathname === "/pledge") formShownAt.set(page, Date.now());
    });
  }
  await page.goto("/pledge");
  formShownAt.set(page, Date.now());
}

/** Waits until a person could have filled the form in since it was shown. */
export async function pauseLikeAPerson(page: Page): Promise<void> {
  const shownAt = formShownAt.get(page);
  if (shownAt === undefined) throw new Error("Open the form with openPledgeForm(page) first");
  const remaining = A_PERSONS_PAUSE_MS - (Date.now() - shownAt);
  if (remaining > 0) await page.waitForTimeout(remaining);
}

export async function fillPledgeForm(page: Page, supporter: Supporter): Promise<void> {
  await page.getByLabel("Full name").fill(supporter.name);
  await page.getByLabel("Email address").fill(supporter.email);
  await page
    .getByRole("group", { name: "Where do you live?" })
    .getByLabel(supporter.livesIn, { exact: true })
    .check();
  if (supporter.country)
    await page.getByLabel("Country, if you live outside the UK").selectOption(supporter.country);
  await page
    .getByRole("checkbox", { name: /email me about the Count Us In campaign/ })
    .setChecked(supporter.campaignEmails ?? false);
}

/**
 * No pause first: the pledge has no "too fast to be a person" rule any more, so a form filled at once (as a
 * password manager does) must go through, waiting only for the browser's challenge to be solved.
 */
export async function submitPledgeForm(page: Page): Promise<void> {
  await page.getByRole("button", { name: "Sign the pledge" }).click();
}

/** Signs and lands on "Check your email". */
export async function signThePledge(page: Page, supporter: Supporter): Promise<void> {
  await openPledgeForm(page);
  await fillPledgeForm(page, supporter);
  await submitPledgeForm(page);
  await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
}

/** What every pledge email has: the campaign's name, text and HTML, why it was sent, and the way out. */
export function expectAPledgeEmail(email: CaughtEmail, subject: string): void {
  expect.soft(email.subject, "subject").toBe(subject);
  expect.soft(email.from.name, "From shows the campaign's name").toBe("Count Us In");
  expect.soft(email.headers["auto-submitted"], "marked as automatic mail").toBe("auto-generated");
  expect.soft(email.text.trim(), "a plain-text part").not.toBe("");
  expect.soft(email.html, "an HTML part").toContain("<html");
  for (const [part, body] of [
    ["text", email.text],
    ["HTML", email.html],
  ])
    expect
      .soft(body, `the ${part} part says why it was sent`)
      .toContain("You are getting this email because");
  const manageUrl = linkIn(email, "/pledge/manage/");
  expect(manageUrl, "a link to withdraw or stop campaign emails").toBeDefined();
  expect.soft(hrefsIn(email), "the HTML part has the same manage link").toContain(manageUrl);
}

/** Follows the email's confirmation link and presses the button; lands on the thank-you page. */
export async function confirmFromEmail(page: Page, email: CaughtEmail): Promise<void> {
  const confirmUrl = linkIn(email, "/pledge/confirm/");
  expect(confirmUrl, `a confirmation link in "${email.subject}"`).toBeDefined();
  await page.goto(confirmUrl!);
  await page.getByRole("button", { name: "Confirm my signature" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Thank you: you are counted" })).toBeVisible();
}

export async function pledgeCounts(request: APIRequestContext): Promise<PledgeCounts> {
  const response = await request.get("/api/pledge/count");
  expect(response.status(), "/api/pledge/count answers 200").toBe(200);
  return (await response.json()) as PledgeCounts;
}

/**
 * The counts as they are now, not as cached (the app keeps them up to 2 s): the first answer counted
 * after `since`. For "this did not change the count", which a cached answer could not show.
 */
export async function countsCountedAfter(request: APIRequestContext, since: Date): Promise<PledgeCounts> {
  let counts = await pledgeCounts(request);
  await expect
    .poll(
      async () => {
        counts = await pledgeCounts(request);
        return new Date(counts.countedAt).getTime();
      },
      { message: `a count made after ${since.toISOString()}`, timeout: 5_000 },
    )
    .toBeGreaterThanOrEqual(since.getTime());
  return counts;
}

/** The total a page shows (home, pledge, thank-you), as a number. */
export async function shownTotal(page: Page): Promise<number> {
  const text = await page.getByTestId("pledge-total").first().innerText();
  return Number(text.replace(/[^\d]/g, ""));
}
