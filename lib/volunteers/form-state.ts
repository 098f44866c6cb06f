import type { FieldErrors } from "@/lib/validation/form-errors";
import type { VolunteerField } from "@/lib/validation/volunteer";

/** What the volunteer form shows after a submission with problems: the messages, and what was typed. */
export type VolunteerFormState = {
  /**
   * Counts answered submissions. The form is keyed on it, so after React resets a submitted form the
   * fields are rebuilt from `values` (a reset alone would empty <select>s, which ignore defaultValue).
   */
  attempt: number;
  fieldErrors: FieldErrors<VolunteerField>;
  values: {
    name: string;
    email: string;
    phone: string;
    healthBoard: string;
    helpWith: string[];
    note: string;
    contactBy: string;
    healthConsent: boolean;
  };
};

export const emptyVolunteerForm: VolunteerFormState = {
  attempt: 0,
  fieldErrors: {},
  values: {
    name: "",
    email: "",
    phone: "",
    healthBoard: "",
    helpWith: [],
    note: "",
    contactBy: "",
    healthConsent: false,
  },
};
