import { expect, test, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { emailsTo, linkIn, newSupporterAddress, waitForEmails } from "@/tests/e2e/support/mail";
import {
  addStaffMember,
  adminNavigation,
  askForSignInLink,
  followSignInLink,
  newClientAddress,
  requestSignInLink,
  sendSignInForm,
  signInFromAnAddressOfTheirOwn,
} from "@/tests/e2e/support/staff";
import { expectNoEmailWithin } from "@/tests/e2e/support/volunteer";

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

async function expectNoAxeProblems(page: Page, state: string) {
  expect.soft(await accessibilityProblems(page), `axe: ${state}`).toEqual([]);
}

/** Where /admin sends this browser now: "/admin" when signed in, "/admin/sign-in" when not. */
async function whereAdminLeads(page: Page): Promise<string> {
  const response = await page.request.get("/admin", { maxRedirects: 0 });
  if (response.status() === 200) return "/admin";
  return new URL(response.headers()["location"] ?? "", page.url()).pathname;
}

test.describe("A member of staff signs in", () => {
  test("with a link that works once, from the email to the dashboard, and signs out", async ({
    page,
    browser,
  }) => {
    const staff = await addStaffMember("campaigner", "signs-in");

    const link = await test.step("asks for a link: told to check their email, and one arrives", async () => {
      await page.goto("/admin/sign-in");
      await expect(heading(page, "Staff sign-in")).toBeVisible();
      await expectNoAxeProblems(page, "the sign-in page");
      const link = await requestSignInLink(page, staff.email);
      await expectNoAxeProblems(page, "check your email");
      return link;
    });

    await test.step("opens the link: a button to press, and not signed in yet", async () => {
      await page.goto(link);
      await expect(heading(page, "Sign in to the admin area")).toBeVisible();
      await expectNoAxeProblems(page, "the sign-in button");
      // Mail scanners open links too: only the button may spend it.
      expect(await whereAdminLeads(page)).toBe("/admin/sign-in");
    });

    await test.step("presses the button and reaches the dashboard, with only the sections the role allows", async () => {
      await page.getByRole("button", { name: "Sign in" }).click();
      await expect(page).toHaveURL("/admin");
      await expect(heading(page, "Dashboard")).toBeVisible();
      await expect(adminNavigation(page).getByRole("link")).toHaveText([
        "Dashboard",
        "Signatures",
        "Volunteers",
        "Held and limits",
        "Paper pledges",
        "Campaign updates",
        "CRM exports",
        "Emails",
      ]);
      await expect(page.getByText(`${staff.email} (campaigner)`)).toBeVisible();
      await expectNoAxeProblems(page, "the dashboard");
    });

    await test.step("signs out: the admin area sends them to sign in again", async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await expect(page).toHaveURL("/admin/sign-in");
      expect(await whereAdminLeads(page)).toBe("/admin/sign-in");
    });

    await test.step("the same link, used again in another browser, does not sign anyone in", async () => {
      const otherBrowser = await browser.newContext();
      const elsewhere = await otherBrowser.newPage();
      await followSignInLink(elsewhere, link);
      await expect(elsewhere).toHaveURL("/admin/sign-in?link=invalid");
      await expect(
        elsewhere.getByRole("alert").filter({ hasText: "That sign-in link did not work" }),
      ).toBeVisible();
      expect(await whereAdminLeads(elsewhere)).toBe("/admin/sign-in");
      await expectNoAxeProblems(elsewhere, "the sign-in page after a spent link");
      await otherBrowser.close();
    });
  });

  test("an address not on the staff list sees the same page, and gets no email", async ({ page }) => {
    const stranger = newSupporterAddress("not-staff");
    const staff = await addStaffMember("viewer", "compared");

    await askForSignInLink(page, staff.email);
    const staffSees = await page.getByRole("main").innerText();

    await askForSignInLink(page, stranger);
    expect(await page.getByRole("main").innerText(), "nothing says who is on the list").toBe(staffSees);
    await expectNoEmailWithin(stranger);
  });

  test("asking too often is refused per address, and a flooded mailbox can still sign in", async ({
    page,
  }) => {
    const slowDown = page.getByRole("alert").filter({ hasText: "Too many sign-in attempts" });
    const checkEmail = page.getByRole("heading", { level: 1, name: "Check your email" });

    await test.step("five requests a minute from one address, then told to wait", async () => {
      await signInFromAnAddressOfTheirOwn(page, newClientAddress());
      for (let request = 1; request <= 5; request++) {
        await sendSignInForm(page, newSupporterAddress(`too-often-${request}`));
        await expect(checkEmail, `request ${request} is answered as usual`).toBeVisible();
      }
      await sendSignInForm(page, newSupporterAddress("too-often-6"));
      await expect(slowDown).toBeVisible();
      await expect(page).toHaveURL("/admin/sign-in");
    });

    await test.step("a flood of requests for one mailbox from other addresses does not lock its owner out", async () => {
      const staff = await addStaffMember("viewer", "flooded");
      const flooder = newClientAddress();
      await signInFromAnAddressOfTheirOwn(page, flooder);
      for (let request = 1; request <= 3; request++) {
        await sendSignInForm(page, staff.email);
        await expect(checkEmail).toBeVisible();
      }
      await sendSignInForm(page, staff.email);
      await expect(slowDown, "three links to one mailbox from one address, then told to wait").toBeVisible();

      // The staff member, from their own address, still gets a link and signs in with it.
      await signInFromAnAddressOfTheirOwn(page, newClientAddress());
      await sendSignInForm(page, staff.email);
      await expect(checkEmail).toBeVisible();
      await waitForEmails(staff.email, 4);
      const links = await emailsTo(staff.email);
      expect(links, "three for the flood, one for them").toHaveLength(4);
      await followSignInLink(page, linkIn(links.at(-1)!, "/admin/sign-in/verify")!);
      await expect(page).toHaveURL("/admin");
    });
  });
});
