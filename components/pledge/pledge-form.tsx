"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { HoneypotField } from "@/components/ui/honeypot-field";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { ukNations } from "@/lib/values/nations";
import { pledgeConsent } from "@/lib/pledge/consent";
import { emptyPledgeForm, type PledgeFormState } from "@/lib/pledge/form-state";
import { useProofOfWork } from "@/components/pledge/use-proof-of-work";

type PledgeFormProps = {
  action: (state: PledgeFormState, form: FormData) => Promise<PledgeFormState>;
  countries: readonly { code: string; name: string }[];
  /** The partner code this copy of the page credits (`/pledge?ref=…`, rewritten to /pledge/from/[code]). */
  partnerCode?: string;
};

const fieldIds = { name: "name", email: "email", nation: "nation-england", country: "country" };

/**
 * Works as a plain HTML form POST. The page as first sent carries no React (public/form-enhancements.js
 * solves its proof-of-work); the page a post is answered with does, and React then submits the next attempt
 * in place and keeps focus sensible.
 */
export function PledgeForm({ action, countries, partnerCode }: PledgeFormProps) {
  const [state, formAction] = useActionState(action, emptyPledgeForm);
  const { solution, holdSubmitUntilSolved } = useProofOfWork(state.attempt);
  const { fieldErrors: errors, values } = state;

  return (
    <form
      key={state.attempt}
      action={formAction}
      onSubmit={holdSubmitUntilSolved}
      noValidate
      className="form"
      aria-describedby="pledge-privacy"
    >
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      {state.message && (
        <div className="error-summary" role="alert">
          <p>{state.message}</p>
        </div>
      )}
      <input type="hidden" name="altcha" value={solution} />
      <input type="hidden" name="ref" value={values.ref || partnerCode || ""} />
      <HoneypotField />

      <TextField
        id="name"
        name="name"
        label="Full name"
        autoComplete="name"
        defaultValue={values.name}
        error={errors.name}
        maxLength={100}
        spellCheck={false}
      />
      <TextField
        id="email"
        name="email"
        type="email"
        label="Email address"
        hint="We will email you a link to confirm your signature."
        autoComplete="email"
        defaultValue={values.email}
        error={errors.email}
        maxLength={254}
        spellCheck={false}
      />

      <ChoiceGroup
        name="nation"
        legend="Where do you live?"
        type="radio"
        options={[...ukNations, { value: "other", label: "Outside the UK" }]}
        checked={[values.nation]}
        error={errors.nation}
      />
      <SelectField
        id="country"
        label="Country, if you live outside the UK"
        anyLabel="Select a country"
        options={countries.map((country) => ({ value: country.code, label: country.name }))}
        defaultValue={values.country}
        error={errors.country}
      />

      <div className="field">
        <div className="checkbox">
          <input
            id="campaignEmails"
            name="campaignEmails"
            type="checkbox"
            value="yes"
            defaultChecked={values.campaignEmails}
          />
          <label htmlFor="campaignEmails">{pledgeConsent.campaignEmails}</label>
        </div>
      </div>

      <p id="pledge-privacy" className="field__hint">
        {pledgeConsent.signing} <a href="/privacy">Read our privacy notice</a>.
      </p>
      <SubmitButton>Sign the pledge</SubmitButton>
    </form>
  );
}
