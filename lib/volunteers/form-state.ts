import type { FieldErrors } from "@/lib/validation/form-errors";
import type { VolunteerField } from "@/lib/validation/volunteer";

/** What the volunteer form shows after a submission with problems: the messages, and what was typed. */
export type VolunteerFormState = {
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
