"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";

type State = { fieldErrors: { email?: string }; email: string; message?: string };

export function SignInForm({ action }: { action: (state: State, form: FormData) => Promise<State> }) {
  const [state, formAction] = useActionState(action, { fieldErrors: {}, email: "" });
  return (
    <form action={formAction} noValidate className="form">
      <ErrorSummary errors={state.fieldErrors} fieldIds={{ email: "email" }} />
      {state.message && (
        <div className="error-summary" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      <TextField
        id="email"
        name="email"
        type="email"
        label="Your staff email address"
        hint="We will email you a link that signs you in. It works once, for 10 minutes."
        autoComplete="email"
        defaultValue={state.email}
        error={state.fieldErrors.email}
        spellCheck={false}
      />
      <SubmitButton>Email me a sign-in link</SubmitButton>
    </form>
  );
}
