import type { SignPledgeField } from "@/lib/validation/pledge";
import type { FieldErrors } from "@/lib/validation/form-errors";

/** What the pledge form shows after a submission with problems: the messages, and what was typed. */
export type PledgeFormState = {
  fieldErrors: FieldErrors<SignPledgeField>;
  values: { name: string; email: string; nation: string; country: string; campaignEmails: boolean };
};

export const emptyPledgeForm: PledgeFormState = {
  fieldErrors: {},
  values: { name: "", email: "", nation: "", country: "", campaignEmails: false },
};
