"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { ChoiceGroup } from "@/components/ui/choice-group";
import { useProofOfWork } from "@/components/pledge/use-proof-of-work";
import { HoneypotField } from "@/components/ui/honeypot-field";
import { SelectField } from "@/components/ui/select-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { volunteerConsent } from "@/lib/volunteers/consent";
import { emptyVolunteerForm, type VolunteerFormState } from "@/lib/volunteers/form-state";
import { healthBoards } from "@/lib/values/health-boards";
import { contactOptions, helpOptions } from "@/lib/values/help-options";
import { NOTE_MAX } from "@/lib/values/volunteer-note";

type VolunteerFormProps = {
  action: (state: VolunteerFormState, form: FormData) => Promise<VolunteerFormState>;
  formToken: string;
};

const fieldIds = {
  name: "name",
  email: "email",
  phone: "phone",
  healthBoard: "healthBoard",
  helpWith: `helpWith-${helpOptions[0].value}`,
  note: "note",
  contactBy: "contactBy-email",
  healthConsent: "healthConsent",
};

/** Short, in plain words, only what we need; works without JavaScript. */
export function VolunteerForm({ action, formToken }: VolunteerFormProps) {
  const [state, formAction] = useActionState(action, emptyVolunteerForm);
  const { solution, holdSubmitUntilSolved } = useProofOfWork(state.attempt);
  const { fieldErrors: errors, values } = state;

  return (
    <form
      key={state.attempt}
      action={formAction}
      onSubmit={holdSubmitUntilSolved}
      noValidate
      className="form"
    >
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <input type="hidden" name="formToken" value={formToken} />
      <input type="hidden" name="altcha" value={solution} />
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
        hint="We will email you a link to confirm it."
        autoComplete="email"
        defaultValue={values.email}
        error={errors.email}
        maxLength={254}
        spellCheck={false}
      />
      <TextField
        id="phone"
        name="phone"
        type="tel"
        label="Phone number (optional)"
        hint="Only if you would like us to phone you. A UK number."
        autoComplete="tel"
        defaultValue={values.phone}
        error={errors.phone}
        maxLength={30}
      />

      <SelectField
        id="healthBoard"
        label="Your NHS health board"
        hint="So we can put you in touch with campaigns near you."
        anyLabel="Select your health board"
        options={healthBoards.map((board) => ({ value: board, label: board }))}
        defaultValue={values.healthBoard}
        error={errors.healthBoard}
      />
      <ChoiceGroup
        name="helpWith"
        legend="How would you like to help?"
        hint="Choose any that suit you. You can change your mind at any time."
        type="checkbox"
        options={helpOptions}
        checked={values.helpWith}
        error={errors.helpWith}
      />
      <ChoiceGroup
        name="contactBy"
        legend="How should we contact you?"
        type="radio"
        options={contactOptions}
        checked={[values.contactBy]}
        error={errors.contactBy}
      />

      <div className={`field${errors.note ? " field--error" : ""}`}>
        <label htmlFor="note" className="field__label">
          Anything else we should know? (optional)
        </label>
        <p id="note-hint" className="field__hint">
          For example, access needs, or times that suit you. Up to {NOTE_MAX} characters.
        </p>
        <FieldError id="note-error" message={errors.note} />
        <textarea
          id="note"
          name="note"
          className="input textarea"
          rows={5}
          maxLength={NOTE_MAX}
          defaultValue={values.note}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy("note-hint", errors.note && "note-error")}
        />
      </div>

      <div className={`field consent${errors.healthConsent ? " field--error" : ""}`}>
        <h2 className="consent__title">Your health information</h2>
        <ul id="healthConsent-explanation">
          {volunteerConsent.explanation.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
        <FieldError id="healthConsent-error" message={errors.healthConsent} />
        <div className="checkbox">
          <input
            id="healthConsent"
            name="healthConsent"
            type="checkbox"
            value="yes"
            defaultChecked={values.healthConsent}
            aria-invalid={errors.healthConsent ? true : undefined}
            aria-describedby={describedBy(
              "healthConsent-explanation",
              errors.healthConsent && "healthConsent-error",
            )}
          />
          <label htmlFor="healthConsent">{volunteerConsent.label}</label>
        </div>
      </div>

      <SubmitButton>Send my offer to help</SubmitButton>
    </form>
  );
}
