// The explicit consent (UK GDPR Article 9(2)(a)) a volunteer gives before we hold the fact that they live
// with secondary breast cancer. Stored by version with the record; change the words, change the version.
export const volunteerConsent = {
  version: "volunteer-health-2026-11-25",
  label:
    "I agree to the charity holding the fact that I live with secondary breast cancer, so the campaigns team can contact me about volunteering.",
  explanation: [
    "Why we ask: volunteering with us means sharing your experience, so signing up tells us you live with secondary breast cancer. The law treats that as health data and needs your clear agreement before we keep it.",
    "Who sees it: only the charity's campaigns team, to get in touch about the ways you chose. We never publish it or share it without asking you first.",
    "How we protect it: your name, email, phone number and note are encrypted when stored.",
    "How long we keep it: while you volunteer with us. If you have not confirmed your email within 30 days, we delete your details.",
    "How to withdraw: use the link in any email from us, or ask the campaigns team. We then delete your details.",
  ],
} as const;
