import { expect, test } from "@playwright/test";
import { linkIn, waitForEmail, waitForEmails } from "@/tests/e2e/support/mail";
import {
  confirmLinkIn,
  confirmVolunteerFromEmail,
  confirmEmailSubject,
  expectADetailFreeNotification,
  expectAVolunteerEmail,
  fillVolunteerForm,
  heading,
  newTeamNotifications,
  newVolunteer,
  offerToHelp,
  openVolunteerForm,
  submitVolunteerForm,
  teamNotificationCount,
  volunteerFormPath,
  welcomeEmailSubject,
  withdrawFromEmail,
} from "@/tests/e2e/support/volunteer";

// Volunteers' offers never touch the pledge count, so these journeys run alongside everything else.

test.describe("Someone in Scotland offers to help", () => {
  test("with JavaScript: from the Scotland page to the campaigns team, then withdraws and is forgotten", async ({
    page,
    baseURL,
  }) => {
    const volunteer = newVolunteer("volunteer-js", {
      name: "Morag Example",
      phone: "07911 123456",
      healthBoard: "Greater Glasgow & Clyde",
      helpWith: ["Share my story with the media", "Take part in consultations"],
      contactBy: "Phone",
      note: "Mornings suit me best.",
    });

    await test.step("finds the form from the Scotland page", async () => {
      await page.goto("/scotland");
      await page.getByRole("link", { name: "Offer to help" }).click();
      await expect(page).toHaveURL(volunteerFormPath);
      await expect(heading(page, "Volunteer with us in Scotland")).toBeVisible();
    });

    await test.step("fills the form in and sends it, the proof-of-work solved unseen as they type", async () => {
      await openVolunteerForm(page);
      await fillVolunteerForm(page, volunteer);
      // The page as first sent has no React: public/form-enhancements.js solves it.
      await expect(page.locator('input[name="altcha"]')).not.toHaveValue("", { timeout: 30_000 });
      await submitVolunteerForm(page);
      await expect(heading(page, "Check your email")).toBeVisible();
      await expect(page).toHaveURL("/scotland/volunteer/check-email");
    });

    const confirmation = await test.step("gets an email asking to confirm the address", async () => {
      const email = await waitForEmail(volunteer.email);
      expectAVolunteerEmail(email, confirmEmailSubject);
      expect(email.text).toContain(`Dear ${volunteer.name},`);
      confirmLinkIn(email);
      return email;
    });

    const teamHadBefore = await teamNotificationCount();

    await test.step("opens the link: a button to press, and nothing sent yet", async () => {
      await page.goto(confirmLinkIn(confirmation));
      await expect(heading(page, "Confirm your email address")).toBeVisible();
      // Mail scanners open links too: only the button may confirm, and so send the welcome.
      await page.waitForTimeout(2_000);
      await page.reload();
      await expect(heading(page, "Confirm your email address")).toBeVisible();
      const emails = await waitForEmails(volunteer.email, 1);
      expect(emails.map((email) => email.subject)).toEqual([confirmEmailSubject]);
    });

    await test.step("presses the button and is thanked", async () => {
      await page.getByRole("button", { name: "Confirm my email address" }).click();
      await expect(heading(page, "Thank you")).toBeVisible();
      await expect(page).toHaveURL("/scotland/volunteer/thank-you");
    });

    const manageUrl = await test.step("gets a welcome saying the team will phone, as chosen", async () => {
      const welcome = await waitForEmail(volunteer.email, 2);
      const manageUrl = expectAVolunteerEmail(welcome, welcomeEmailSubject);
      expect(welcome.text).toContain(`Dear ${volunteer.name},`);
      expect(welcome.text).toContain("someone from the team will get in touch by phone");
      expect(linkIn(welcome, "/scotland/volunteer/confirm/"), "nothing more to confirm").toBeUndefined();
      return manageUrl;
    });

    await test.step("the campaigns team hears someone is waiting, with a link to /admin and no details", async () => {
      const notifications = await newTeamNotifications(teamHadBefore);
      for (const notification of notifications)
        expectADetailFreeNotification(notification, volunteer, baseURL!);
    });

    await test.step("offering again with the same address: the same page, and an email saying so", async () => {
      await offerToHelp(page, { ...newVolunteer("again"), email: volunteer.email.toUpperCase() });
      const again = await waitForEmail(volunteer.email, 3);
      expectAVolunteerEmail(again, "You have already offered to help Count Us In");
      expect(again.text).toContain(`Dear ${volunteer.name},`);
      expect(linkIn(again, "/scotland/volunteer/confirm/"), "nothing to confirm").toBeUndefined();
    });

    await test.step("withdraws from the welcome email: the details are deleted", async () => {
      await withdrawFromEmail(page, manageUrl);
    });

    await test.step("the confirmation link no longer finds anything either", async () => {
      await page.goto(confirmLinkIn(confirmation));
      await expect(heading(page, "We cannot use this link")).toBeVisible();
      await expect(page.getByRole("button", { name: "Confirm my email address" })).toHaveCount(0);
    });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("sends a plain form post, confirms with a plain button, and withdraws with another", async ({
      page,
      baseURL,
    }) => {
      const volunteer = newVolunteer("volunteer-no-js", {
        name: "Euan Example",
        healthBoard: "Highland",
        helpWith: ["Speak at events", "Help on social media"],
        contactBy: "Email",
      });

      await test.step("fills the form in and sends it: the browser posts the form itself", async () => {
        await openVolunteerForm(page);
        await fillVolunteerForm(page, volunteer);
        const post = page.waitForRequest((request) => request.isNavigationRequest());
        await submitVolunteerForm(page);
        expect((await post).method()).toBe("POST");
        await expect(heading(page, "Check your email")).toBeVisible();
        await expect(page).toHaveURL("/scotland/volunteer/check-email");
      });

      const confirmation = await waitForEmail(volunteer.email);
      const manageUrl = expectAVolunteerEmail(confirmation, confirmEmailSubject);
      const teamHadBefore = await teamNotificationCount();

      await test.step("confirms with the button", async () => {
        await confirmVolunteerFromEmail(page, confirmation);
      });

      await test.step("is welcomed, and the team is told without details", async () => {
        const welcome = await waitForEmail(volunteer.email, 2);
        expectAVolunteerEmail(welcome, welcomeEmailSubject);
        expect(welcome.text).toContain("someone from the team will get in touch by email");
        for (const notification of await newTeamNotifications(teamHadBefore))
          expectADetailFreeNotification(notification, volunteer, baseURL!);
      });

      await test.step("the first email's link withdraws too, with a plain button", async () => {
        await withdrawFromEmail(page, manageUrl);
      });
    });
  });
});
