// The words a supporter agrees to when they sign. Stored by version with every signature, so we can
// always show exactly what someone agreed to. Change the words: change the version.
export const pledgeConsent = {
  version: "pledge-2026-11-25",
  signing:
    "By signing, you add your name to the Count Us In pledge. We count your signature, never show your name or email to anyone else, and keep them as our privacy notice explains.",
  campaignEmails:
    "Yes, email me about the Count Us In campaign. You can stop these emails at any time with the link in every email.",
} as const;
