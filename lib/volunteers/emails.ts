import { composeEmail } from "@/lib/mail/compose";

// Emails to volunteers. Someone else may see a subject line or a preview (a shared inbox, a lock screen),
// so no subject or opening line mentions cancer; the body is warm, plain and short. Pure functions: the
// outbox worker calls them at send time (lib/mail/templates/volunteer.ts), once the record is opened.

const reason =
  "You are getting this email because someone, hopefully you, offered to volunteer with Count Us In in Scotland using this address.";
const footer = (manageUrl: string) => [{ label: "Withdraw and delete your details", url: manageUrl }];

export function confirmVolunteerEmail(name: string, confirmUrl: string, manageUrl: string) {
  return {
    subject: "Please confirm your email address for Count Us In",
    ...composeEmail({
      greeting: `Dear ${name},`,
      paragraphs: [
        "Thank you for offering to help with the Count Us In campaign in Scotland.",
        "Please confirm your email address so the campaigns team knows it is really you. The link works for 7 days. If you did not sign up, you do not need to do anything: without confirmation, your details are deleted after 30 days.",
      ],
      action: { label: "Confirm my email address", url: confirmUrl },
      reason,
      links: footer(manageUrl),
    }),
  };
}

export function volunteerWelcomeEmail(name: string, contactBy: "email" | "phone", manageUrl: string) {
  return {
    subject: "Thank you for volunteering with Count Us In",
    ...composeEmail({
      greeting: `Dear ${name},`,
      paragraphs: [
        "Thank you. Your email address is confirmed and your offer to help has reached the campaigns team.",
        `What happens next: someone from the team will get in touch by ${contactBy === "phone" ? "phone" : "email"} to talk about the ways you chose to help. There is no pressure and no deadline: you can do as much or as little as suits you, and change your mind at any time.`,
        "If anything about your health or your situation changes, just let us know. You never need to explain.",
      ],
      reason,
      links: footer(manageUrl),
    }),
  };
}

export function alreadyVolunteeredEmail(name: string, manageUrl: string, confirmUrl?: string) {
  return {
    subject: confirmUrl
      ? "Please confirm your email address for Count Us In"
      : "You have already offered to help Count Us In",
    ...composeEmail({
      greeting: `Dear ${name},`,
      paragraphs: confirmUrl
        ? [
            "Someone offered to volunteer again with this email address. You signed up before but have not confirmed your email yet.",
            "Please confirm it now so the campaigns team can get in touch. The link works for 7 days.",
          ]
        : [
            "Someone offered to volunteer again with this email address. You are already signed up, so there is nothing more to do. Thank you.",
            "If you want to change your details, reply to any email from the campaigns team.",
          ],
      ...(confirmUrl ? { action: { label: "Confirm my email address", url: confirmUrl } } : {}),
      reason,
      links: footer(manageUrl),
    }),
  };
}

/** To the campaigns team: that someone is waiting, and where to look. Nothing personal, nothing about health. */
export function newVolunteerNotification(adminUrl: string) {
  return {
    subject: "A new volunteer is waiting",
    ...composeEmail({
      paragraphs: [
        "A new volunteer has confirmed their email address.",
        "Their details are only in the admin area, where every view is recorded. Please sign in to see them.",
      ],
      action: { label: "Open the admin area", url: adminUrl },
      reason:
        "You are getting this email because this address is set as the campaigns team's address (CAMPAIGNS_TEAM_EMAIL).",
      links: [],
    }),
  };
}
