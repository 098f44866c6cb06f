import type { SignPledgeField } from "@/lib/validation/pledge";
import type { FieldErrors } from "@/lib/validation/form-errors";

/** What the pledge form shows after a submission with problems: the messages, and what was typed. */
export type PledgeFormState = {
  /**
   * Counts answered submissions. The form is keyed on it, so after React resets a submitted form the
   * fields are rebuilt from `values` (a reset alone would empty <select>s, which ignore defaultValue).
   */
  attempt: number;
  fieldErrors: FieldErrors<SignPledgeField>;
  /** A problem that is nobody's typing: e.g. the database is too busy for a moment. Nothing was stored. */
  message?: string;
  values: {
    name: string;
    email: string;
    nation: string;
    country: string;
    campaignEmails: boolean;
    /** The partner code the page was opened with (`/pledge?ref=…`), carried through a failed submission. */
    ref?: string;
  };
};

export const emptyPledgeForm: PledgeFormState = {
  attempt: 0,
  fieldErrors: {},
  values: { name: "", email: "", nation: "", country: "", campaignEmails: false },
};
