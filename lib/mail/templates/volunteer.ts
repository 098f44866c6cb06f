import "server-only";

import {
  alreadyVolunteeredEmail,
  confirmVolunteerEmail,
  newVolunteerNotification,
  volunteerWelcomeEmail,
} from "@/lib/volunteers/emails";
import { volunteerLinks } from "@/lib/volunteers/links";
import { openContact } from "@/lib/volunteers/sealed-fields";
import { dateParam } from "@/lib/mail/templates/params";
import { GONE, invalid, ready, type Template, type TemplateContext } from "@/lib/mail/templates/types";

// Volunteer emails. The name and address are sealed in the database; they are opened here, at send time,
// only for as long as it takes to hand the email over. A withdrawn volunteer is deleted: nothing to open.

async function openVolunteer(context: TemplateContext, id: string | null) {
  if (!id) return undefined;
  const row = await context.db.volunteer.findUnique({
    where: { id },
    select: { id: true, status: true, contactBy: true, nameSealed: true, emailSealed: true },
  });
  return row && { ...row, ...openContact(context.ring, row) };
}

/** params: { issuedAt }, from which the confirm link's expiry follows. */
export const volunteerConfirm: Template = async (context, { refId, params }) => {
  const issuedAt = dateParam(params, "issuedAt");
  if (!issuedAt) return invalid("volunteer-confirm without issuedAt");
  const volunteer = await openVolunteer(context, refId);
  if (!volunteer || volunteer.status !== "pending") return GONE;
  const { confirmUrl, manageUrl } = volunteerLinks(context.secret, context.siteUrl, volunteer.id, issuedAt);
  return ready(volunteer.email, confirmVolunteerEmail(volunteer.name, confirmUrl, manageUrl));
};

/** A known address signed up again: the wording follows the record's status at send time. */
export const volunteerRepeat: Template = async (context, { refId, params }) => {
  const issuedAt = dateParam(params, "issuedAt");
  if (!issuedAt) return invalid("volunteer-repeat without issuedAt");
  const volunteer = await openVolunteer(context, refId);
  if (!volunteer) return GONE;
  const { confirmUrl, manageUrl } = volunteerLinks(context.secret, context.siteUrl, volunteer.id, issuedAt);
  const pending = volunteer.status === "pending";
  return ready(
    volunteer.email,
    alreadyVolunteeredEmail(volunteer.name, manageUrl, pending ? confirmUrl : undefined),
  );
};

export const volunteerWelcome: Template = async (context, { refId }) => {
  const volunteer = await openVolunteer(context, refId);
  if (!volunteer) return GONE;
  // The manage link never expires, so the date it is issued at does not matter.
  const { manageUrl } = volunteerLinks(context.secret, context.siteUrl, volunteer.id, new Date());
  const contactBy = volunteer.contactBy === "phone" ? "phone" : "email";
  return ready(volunteer.email, volunteerWelcomeEmail(volunteer.name, contactBy, manageUrl));
};

/** To the campaigns team, about nobody in particular: the address is whatever CAMPAIGNS_TEAM_EMAIL is now. */
export const volunteerTeamNotice: Template = async (context) =>
  ready(context.teamEmail, newVolunteerNotification(new URL("/admin", context.siteUrl).toString()));
