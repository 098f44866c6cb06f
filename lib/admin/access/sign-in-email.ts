import { composeEmail } from "@/lib/mail/compose";

/** How long a one-time sign-in link works. Short: it is a key to personal data. */
export const SIGN_IN_LINK_MINUTES = 10;

export function signInLinkEmail(url: string, minutes: number) {
  return {
    subject: "Your Count Us In admin sign-in link",
    ...composeEmail({
      paragraphs: [
        `Here is your link to sign in to the Count Us In admin area. It works once, for ${minutes} minutes.`,
        "If you did not ask for it, you can ignore this email: nobody can sign in without the link.",
      ],
      action: { label: "Sign in to the admin area", url },
      reason: "You are getting this email because someone asked for a sign-in link for this staff address.",
      links: [],
    }),
  };
}
