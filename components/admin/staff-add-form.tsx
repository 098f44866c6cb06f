"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { SelectField } from "@/components/ui/select-field";

export type StaffAddState = {
  fieldErrors: { email?: string; role?: string };
  values: { email: string; role: string };
  message?: string;
};

export const emptyStaffAdd: StaffAddState = { fieldErrors: {}, values: { email: "", role: "" } };

type StaffAddFormProps = {
  action: (state: StaffAddState, form: FormData) => Promise<StaffAddState>;
  roles: readonly { value: string; label: string }[];
};

/** Adds an address to the staff list (only listed addresses can sign in). Works without JavaScript. */
export function StaffAddForm({ action, roles }: StaffAddFormProps) {
  const [state, formAction] = useActionState(action, emptyStaffAdd);
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={state.fieldErrors} fieldIds={{ email: "staff-email", role: "staff-role" }} />
      {state.message && (
        <div className="error-summary" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      <TextField
        id="staff-email"
        name="email"
        type="email"
        label="Their work email address"
        hint="They sign in with a link sent to this address."
        defaultValue={state.values.email}
        error={state.fieldErrors.email}
        maxLength={254}
        spellCheck={false}
        autoComplete="off"
      />
      <SelectField
        id="staff-role"
        name="role"
        label="Role"
        anyLabel="Choose a role"
        options={roles}
        defaultValue={state.values.role}
        error={state.fieldErrors.role}
      />
      <SubmitButton>Add to staff</SubmitButton>
    </form>
  );
}
