import { composeEmail } from "@/lib/mail/compose";

// What we write to supporters. Warm, short, plain; each says why it was sent and how to withdraw or stop.

type Links = { confirmUrl?: string; manageUrl: string };

const reason =
  "You are getting this email because someone, hopefully you, signed the Count Us In pledge with this address.";

function footerLinks(manageUrl: string) {
  return [{ label: "Withdraw your signature or stop campaign emails", url: manageUrl }];
}

export function confirmSignatureEmail(name: string, { confirmUrl, manageUrl }: Links) {
  return {
    kind: "pledge-confirm",
    subject: "Please confirm your Count Us In signature",
    ...composeEmail({
      greeting: `Dear ${name},`,
      paragraphs: [
        "Thank you for signing the Count Us In pledge. There is one more step: please confirm your signature so we can count it.",
        "The link works for 7 days. If you did not sign, you do not need to do anything: without confirmation, your details are deleted after 30 days.",
      ],
      action: { label: "Confirm my signature", url: confirmUrl! },
      reason,
      links: footerLinks(manageUrl),
    }),
  };
}

/** Sent when a signed (or signing) address signs again: the page said nothing, so the email does. */
export function alreadySignedEmail(name: string, { confirmUrl, manageUrl }: Links) {
  const stillPending = confirmUrl !== undefined;
  return {
    kind: stillPending ? "pledge-repeat-pending" : "pledge-repeat-confirmed",
    subject: stillPending
      ? "Please confirm your Count Us In signature"
      : "You have already signed the Count Us In pledge",
    ...composeEmail({
      greeting: `Dear ${name},`,
      paragraphs: stillPending
        ? [
            "Someone tried to sign the Count Us In pledge again with this email address. You signed before but have not confirmed yet.",
            "Please confirm now so we can count you. The link works for 7 days.",
          ]
        : [
            "Someone tried to sign the Count Us In pledge again with this email address. You have already signed and been counted, so there is nothing more to do. Thank you.",
            "Each person is counted once, so signing again does not change the total.",
          ],
      ...(stillPending ? { action: { label: "Confirm my signature", url: confirmUrl } } : {}),
      reason,
      links: footerLinks(manageUrl),
    }),
  };
}
