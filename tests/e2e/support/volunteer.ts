import { expect, type Page } from "@playwright/test";
import { emailsTo, hrefsIn, linkIn, newSupporterAddress, type CaughtEmail } from "@/tests/e2e/support/mail";
import { A_PERSONS_PAUSE_MS } from "@/tests/e2e/support/mail-round-trip";
import { recordPersonalData } from "@/tests/e2e/support/personal-data";

// Volunteering in Scotland, as a volunteer does it: the form, the email, the button, the way out. And the
// campaigns team's inbox, which hears that someone is waiting and nothing else.

export const volunteerFormPath = "/scotland/volunteer";

/** Where the app sends "a new volunteer is waiting" in this run (playwright.config.ts sets it). */
export const campaignsTeamAddress = process.env.E2E_CAMPAIGNS_TEAM_EMAIL ?? "campaigns@e2e.test";

export const confirmEmailSubject = "Please confirm your email address for Count Us In";
export const welcomeEmailSubject = "Thank you for volunteering with Count Us In";

export type Volunteer = {
  name: string;
  email: string;
  phone?: string;
  /** The option's text in "Your NHS health board". */
  healthBoard: string;
  /** Labels of the "How would you like to help?" boxes to tick. */
  helpWith: string[];
  contactBy: "Email" | "Phone";
  note?: string;
  healthConsent: boolean;
};

/** A volunteer with an inbox of their own, who has ticked the consent box. */
export function newVolunteer(label: string, details: Partial<Volunteer> = {}): Volunteer {
  const volunteer: Volunteer = {
    name: "Isla Example",
    email: newSupporterAddress(label),
    healthBoard: "Lothian",
    helpWith: ["Contact or meet my MSP (Member of the Scottish Parliament)"],
    contactBy: "Email",
    healthConsent: true,
    ...details,
  };
  recordPersonalData({ name: volunteer.name, email: volunteer.email, phone: volunteer.phone });
  return volunteer;
}

const formShownAt = new WeakMap<Page, number>();

/**
 * Opens the form and starts the clock: the app quietly sets aside anything sent within 2 s of the form
 * being shown (lib/volunteers/service.ts), so journeys wait as a person would before sending.
 */
export async function openVolunteerForm(page: Page): Promise<void> {
  if (!formShownAt.has(page)) {
    // Without JavaScript a form with mistakes comes back as a new page with a new timing token.
    page.on("load", () => {
      if (new URL(page.url()).pathname === volunteerFormPath) formShownAt.set(page, Date.now());
    });
  }
  await page.goto(volunteerFormPath);
  formShownAt.set(page, Date.now());
}

export async function pauseLikeAVolunteer(page: Page): Promise<void> {
  const shownAt = formShownAt.get(page);
  if (shownAt === undefined) throw new Error("Open the form with openVolunteerForm(page) first");
  const remaining = A_PERSONS_PAUSE_MS - (Date.now() - shownAt);
  if (remaining > 0) await page.waitForTimeout(remaining);
}

export const volunteerFields = (page: Page) => ({
  name: page.getByLabel("Full name"),
  email: page.getByLabel("Email address"),
  phone: page.getByLabel("Phone number (optional)"),
  healthBoard: page.getByLabel("Your NHS health board"),
  helpWith: page.getByRole("group", { name: "How would you like to help?" }),
  contactBy: page.getByRole("group", { name: "How should we contact you?" }),
  note: page.getByLabel("Anything else we should know? (optional)"),
  healthConsent: page.getByRole("checkbox", { name: /I agree to the charity holding/ }),
  send: page.getByRole("button", { name: "Send my offer to help" }),
});

export async function fillVolunteerForm(page: Page, volunteer: Volunteer): Promise<void> {
  const fields = volunteerFields(page);
  await fields.name.fill(volunteer.name);
  await fields.email.fill(volunteer.email);
  await fields.phone.fill(volunteer.phone ?? "");
  await fields.healthBoard.selectOption({ label: volunteer.healthBoard });
  for (const label of volunteer.helpWith) await fields.helpWith.getByLabel(label, { exact: true }).check();
  await fields.contactBy.getByLabel(volunteer.contactBy, { exact: true }).check();
  await fields.note.fill(volunteer.note ?? "");
  await fields.healthConsent.setChecked(volunteer.healthConsent);
}

export async function submitVolunteerForm(page: Page): Promise<void> {
  await pauseLikeAVolunteer(page);
  await volunteerFields(page).send.click();
}

export const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

/** Fills the form in, sends it, and lands on "Check your email". */
export async function offerToHelp(page: Page, volunteer: Volunteer): Promise<void> {
  await openVolunteerForm(page);
  await fillVolunteerForm(page, volunteer);
  await submitVolunteerForm(page);
  await expect(heading(page, "Check your email")).toBeVisible();
  await expect(page).toHaveURL("/scotland/volunteer/check-email");
}

/**
 * What every email to a volunteer has: the campaign's name, text and HTML, a subject that does not say
 * "cancer" (a subject shows on lock screens and in shared inboxes), and the way to withdraw.
 */
export function expectAVolunteerEmail(email: CaughtEmail, subject: string): string {
  expect.soft(email.subject, "subject").toBe(subject);
  expect.soft(email.subject.toLowerCase(), "the subject never mentions cancer").not.toContain("cancer");
  expect.soft(email.from.name, "From shows the campaign's name").toBe("Count Us In");
  expect.soft(email.headers["auto-submitted"], "marked as automatic mail").toBe("auto-generated");
  expect.soft(email.text.trim(), "a plain-text part").not.toBe("");
  expect.soft(email.html, "an HTML part").toContain("<html");
  const manageUrl = linkIn(email, "/scotland/volunteer/manage/");
  expect(manageUrl, `"${subject}" has a link to withdraw and delete the details`).toBeDefined();
  expect.soft(hrefsIn(email), "the HTML part has the same withdraw link").toContain(manageUrl);
  return manageUrl!;
}

/** The confirmation link in the first email, checked for its place in both parts. */
export function confirmLinkIn(email: CaughtEmail): string {
  const confirmUrl = linkIn(email, "/scotland/volunteer/confirm/");
  expect(confirmUrl, `a confirmation link in "${email.subject}"`).toBeDefined();
  expect.soft(hrefsIn(email), "the HTML part has the same confirmation link").toContain(confirmUrl);
  return confirmUrl!;
}

/** Opens the confirmation link, sees the button (opening alone confirms nothing), and presses it. */
export async function confirmVolunteerFromEmail(page: Page, email: CaughtEmail): Promise<void> {
  await page.goto(confirmLinkIn(email));
  await expect(heading(page, "Confirm your email address")).toBeVisible();
  await page.getByRole("button", { name: "Confirm my email address" }).click();
  await expect(heading(page, "Thank you")).toBeVisible();
  await expect(page).toHaveURL("/scotland/volunteer/thank-you");
}

/** How many notifications the campaigns team has had so far (every volunteer journey adds to them). */
export async function teamNotificationCount(): Promise<number> {
  return (await emailsTo(campaignsTeamAddress)).length;
}

/**
 * The campaigns team's notifications after the first `seen`, once at least one more has arrived. Journeys
 * run in parallel, so the newest may be another volunteer's: callers check what every one of them holds.
 */
export async function newTeamNotifications(seen: number): Promise<CaughtEmail[]> {
  let emails: CaughtEmail[] = [];
  await expect
    .poll(
      async () => {
        emails = await emailsTo(campaignsTeamAddress);
        return emails.length;
      },
      { message: `a notification to ${campaignsTeamAddress}`, timeout: 15_000 },
    )
    .toBeGreaterThan(seen);
  return emails.slice(seen);
}

/**
 * The notification says someone is waiting and where to look, and nothing else: no name, address, phone
 * number or note, and not a word about health or cancer, in either part.
 */
export function expectADetailFreeNotification(email: CaughtEmail, volunteer: Volunteer, siteUrl: string) {
  expect.soft(email.subject, "subject").toBe("A new volunteer is waiting");
  const admin = new URL("/admin", siteUrl).toString();
  expect(linkIn(email, "/admin"), "a link to the admin area").toBe(admin);
  expect.soft(hrefsIn(email), "the HTML part links to the admin area").toContain(admin);
  const personal = [volunteer.name, volunteer.email, volunteer.phone, volunteer.note].filter(
    (value): value is string => Boolean(value),
  );
  for (const [part, body] of [
    ["subject", email.subject],
    ["text", email.text],
    ["HTML", email.html],
  ] as const) {
    const lower = body.toLowerCase();
    for (const value of personal)
      expect
        .soft(lower, `the ${part} part holds nothing the volunteer typed`)
        .not.toContain(value.toLowerCase());
    expect.soft(lower, `the ${part} part does not mention cancer`).not.toContain("cancer");
    expect.soft(lower, `the ${part} part does not mention health`).not.toContain("health");
    const paths = [...body.matchAll(/https?:\/\/[^\s"'<>]+/g)].map((match) => new URL(match[0]).pathname);
    expect
      .soft(
        paths.filter((path) => path !== "/admin"),
        `the ${part} part links to /admin and nowhere else`,
      )
      .toEqual([]);
  }
}

/** Follows a manage link, withdraws, and sees the link now holds nothing. */
export async function withdrawFromEmail(page: Page, manageUrl: string): Promise<void> {
  await page.goto(manageUrl);
  await expect(heading(page, "Withdraw and delete your details")).toBeVisible();
  await page.getByRole("button", { name: "Withdraw and delete my details" }).click();
  await expect(heading(page, "Your details have been deleted")).toBeVisible();
  await expect(page).toHaveURL("/scotland/volunteer/withdrawn");
  await page.goto(manageUrl);
  await expect(heading(page, "We hold no details for this link")).toBeVisible();
}

/** Waits `ms` and checks nothing arrived for `address`: for "nothing was sent". */
export async function expectNoEmailWithin(address: string, ms = 4_000): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  const emails = await emailsTo(address);
  expect(
    emails.map((email) => email.subject),
    `nothing was sent to ${address}`,
  ).toEqual([]);
}
