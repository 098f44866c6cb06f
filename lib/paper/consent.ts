// The words printed on the paper pledge forms taken to events, by version. Staff pick the version that was
// printed on the forms when they add a batch, and every signature from it keeps that version, so we can
// always show exactly what someone agreed to on paper. New wording on the forms: a new version here.

export type PaperConsent = {
  version: string;
  /** What staff see in the version picker. */
  label: string;
  /** The sentence above the signature line. */
  signing: string;
  /** The tick-box sentence for campaign emails. */
  campaignEmails: string;
};

export const paperConsents: readonly PaperConsent[] = [
  {
    version: "paper-2026-01",
    label: "Paper form, January 2026",
    signing:
      "By signing, you add your name to the Count Us In pledge. We count your signature, never show your name or email to anyone else, and keep them as our privacy notice explains.",
    campaignEmails:
      "Tick this box if you would like emails about the Count Us In campaign. You can stop them at any time with the link in every email.",
  },
];

export const paperConsentVersions = paperConsents.map((consent) => consent.version) as [string, ...string[]];

export function paperConsentFor(version: string): PaperConsent | undefined {
  return paperConsents.find((consent) => consent.version === version);
}
