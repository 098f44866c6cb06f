import { expect, test, type Page } from "@playwright/test";
import { waitForEmail } from "@/tests/e2e/support/mail";
import {
  confirmEmailSubject,
  expectAVolunteerEmail,
  expectNoEmailWithin,
  fillVolunteerForm,
  heading,
  newVolunteer,
  openVolunteerForm,
  submitVolunteerForm,
  volunteerFields,
  volunteerFormPath,
} from "@/tests/e2e/support/volunteer";

const errorSummary = (page: Page) =>
  page.getByRole("alert").filter({ has: page.getByRole("heading", { name: "There is a problem" }) });

const consentMessage = "To volunteer, tick the box to agree to us holding this information";
const phoneMessage = "Enter a UK phone number, like 07911 123456 or 0141 496 0000";
const phoneNeededMessage = "Enter a phone number, or choose to be contacted by email";

for (const javaScriptEnabled of [true, false]) {
  test.describe(`A volunteer who makes a mistake in the form, ${javaScriptEnabled ? "with" : "without"} JavaScript`, () => {
    test.use({ javaScriptEnabled });
    const label = javaScriptEnabled ? "js" : "no-js";

    test("sends it empty: told what is missing, at the top and at each field", async ({ page }) => {
      await openVolunteerForm(page);
      await submitVolunteerForm(page);

      const summary = errorSummary(page);
      await expect(summary.getByRole("link")).toHaveText([
        "Enter your full name",
        "Enter your email address",
        "Select your health board",
        "Select at least one way you would like to help",
        "Select how you would like us to contact you",
        consentMessage,
      ]);
      if (javaScriptEnabled) await expect(summary, "the summary takes focus").toBeFocused();
      for (const [link, field] of [
        ["Enter your full name", "#name"],
        ["Enter your email address", "#email"],
        ["Select your health board", "#healthBoard"],
        ["Select at least one way you would like to help", "#helpWith-media"],
        ["Select how you would like us to contact you", "#contactBy-email"],
        [consentMessage, "#healthConsent"],
      ] as const) {
        await expect(summary.getByRole("link", { name: link })).toHaveAttribute("href", field);
      }
      const fields = volunteerFields(page);
      await expect(fields.name).toHaveAccessibleDescription("Error: Enter your full name");
      await expect(fields.healthBoard).toHaveAccessibleDescription(/Error: Select your health board/);
      await expect(fields.helpWith).toHaveAccessibleDescription(
        /Error: Select at least one way you would like to help/,
      );
      await expect(fields.contactBy).toHaveAccessibleDescription(
        "Error: Select how you would like us to contact you",
      );
      await expect(page, "still on the form: nothing was sent").toHaveURL(volunteerFormPath);
    });

    test("leaves the consent box unticked: told next to it and at the top, keeps what they typed, and nothing is sent", async ({
      page,
    }) => {
      const volunteer = newVolunteer(`no-consent-${label}`, {
        name: "Ailsa Example",
        phone: "0141 496 0000",
        healthBoard: "Fife",
        helpWith: ["Speak at events", "Help on social media"],
        contactBy: "Phone",
        note: "Evenings are best.",
        healthConsent: false,
      });
      const fields = volunteerFields(page);

      await test.step("sends the form without ticking the box", async () => {
        await openVolunteerForm(page);
        await fillVolunteerForm(page, volunteer);
        await submitVolunteerForm(page);
        await expect(errorSummary(page).getByRole("link")).toHaveText([consentMessage]);
        await expect(errorSummary(page).getByRole("link")).toHaveAttribute("href", "#healthConsent");
        await expect(fields.healthConsent).toHaveAttribute("aria-invalid", "true");
        // The explanation of why we ask, then the error: both read out with the box.
        await expect(fields.healthConsent).toHaveAccessibleDescription(
          new RegExp(`^Why we ask: .*How to withdraw: .*Error: ${consentMessage}$`),
        );
        await expect(page).toHaveURL(volunteerFormPath);
      });

      await test.step("nothing was sent: no email arrives", async () => {
        await expectNoEmailWithin(volunteer.email);
      });

      await test.step("finds everything they typed still there, and the box still unticked", async () => {
        await expect(fields.name).toHaveValue(volunteer.name);
        await expect(fields.email).toHaveValue(volunteer.email);
        await expect(fields.phone).toHaveValue(volunteer.phone!);
        await expect(fields.healthBoard, "the health board chosen is still chosen").toHaveValue("Fife");
        for (const option of ["Speak at events", "Help on social media"])
          await expect(fields.helpWith.getByLabel(option)).toBeChecked();
        await expect(fields.helpWith.getByLabel("Share my story with the media")).not.toBeChecked();
        await expect(fields.contactBy.getByLabel("Phone", { exact: true })).toBeChecked();
        await expect(fields.note).toHaveValue(volunteer.note!);
        await expect(fields.healthConsent).not.toBeChecked();
      });

      await test.step("ticks the box and sends: the first email is the confirmation", async () => {
        await fields.healthConsent.check();
        await submitVolunteerForm(page);
        await expect(heading(page, "Check your email")).toBeVisible();
        expectAVolunteerEmail(await waitForEmail(volunteer.email), confirmEmailSubject);
      });
    });

    test("types a phone number that is not a UK one: told how to write it", async ({ page }) => {
      const volunteer = newVolunteer(`bad-phone-${label}`, { phone: "12345", contactBy: "Phone" });
      const fields = volunteerFields(page);
      await openVolunteerForm(page);

      for (const phone of ["12345", "+33 1 23 45 67 89"]) {
        await fillVolunteerForm(page, { ...volunteer, phone });
        await submitVolunteerForm(page);
        await expect(errorSummary(page).getByRole("link")).toHaveText([phoneMessage]);
        await expect(errorSummary(page).getByRole("link")).toHaveAttribute("href", "#phone");
        await expect(fields.phone).toHaveAccessibleDescription(
          `Only if you would like us to phone you. A UK number. Error: ${phoneMessage}`,
        );
        await expect(fields.phone).toHaveValue(phone);
      }

      // Everything else is filled in again, as checked elsewhere: this journey is about the phone number.
      await fillVolunteerForm(page, { ...volunteer, phone: "07400 123456" });
      await submitVolunteerForm(page);
      await expect(heading(page, "Check your email")).toBeVisible();
      expectAVolunteerEmail(await waitForEmail(volunteer.email), confirmEmailSubject);
    });

    test("asks to be phoned but gives no number: told to give one or choose email", async ({ page }) => {
      const volunteer = newVolunteer(`no-phone-${label}`, { contactBy: "Phone" });
      const fields = volunteerFields(page);
      await openVolunteerForm(page);
      await fillVolunteerForm(page, volunteer);
      await submitVolunteerForm(page);

      await expect(errorSummary(page).getByRole("link")).toHaveText([phoneNeededMessage]);
      await expect(errorSummary(page).getByRole("link")).toHaveAttribute("href", "#phone");
      await expect(fields.phone).toHaveAccessibleDescription(new RegExp(`Error: ${phoneNeededMessage}$`));
      await expect(fields.contactBy.getByLabel("Phone", { exact: true })).toBeChecked();

      await fillVolunteerForm(page, { ...volunteer, contactBy: "Email" });
      await submitVolunteerForm(page);
      await expect(heading(page, "Check your email")).toBeVisible();
      expectAVolunteerEmail(await waitForEmail(volunteer.email), confirmEmailSubject);
    });
  });
}
