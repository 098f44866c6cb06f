"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { describedBy, FieldError } from "@/components/ui/field-error";
import { HoneypotField } from "@/components/ui/honeypot-field";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import { NOTE_MAX } from "@/lib/validation/volunteer";
import { volunteerConsent } from "@/lib/volunteers/consent";
import { emptyVolunteerForm, type VolunteerFormState } from "@/lib/volunteers/form-state";
import { healthBoards } from "@/lib/volunteers/health-boards";
import { contactOptions, helpOptions } from "@/lib/volunteers/help-options";

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
  const { fieldErrors: errors, values } = state;

  return (
    <form key={state.attempt} action={formAction} noValidate className="form">
      <ErrorSummary errors={errors} fieldIds={fieldIds} />
      <input type="hidden" name="formToken" value={formToken} />
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

      <div className={`field${errors.healthBoard ? " field--error" : ""}`}>
        <label htmlFor="healthBoard" className="field__label">
          Your NHS health board
        </label>
        <p id="healthBoard-hint" className="field__hint">
          So we can put you in touch with campaigns near you.
        </p>
        <FieldError id="healthBoard-error" message={errors.healthBoard} />
        <select
          id="healthBoard"
          name="healthBoard"
          className="select"
          defaultValue={values.healthBoard}
          aria-invalid={errors.healthBoard ? true : undefined}
          aria-describedby={describedBy("healthBoard-hint", errors.healthBoard && "healthBoard-error")}
        >
          <option value="">Select your health board</option>
          {healthBoards.map((board) => (
            <option key={board} value={board}>
              {board}
            </option>
          ))}
        </select>
      </div>

      <div className={`field${errors.helpWith ? " field--error" : ""}`}>
        <fieldset
          className="fieldset"
          aria-describedby={describedBy("helpWith-hint", errors.helpWith && "helpWith-error")}
        >
          <legend className="fieldset__legend">How would you like to help?</legend>
          <p id="helpWith-hint" className="field__hint">
            Choose any that suit you. You can change your mind at any time.
          </p>
          <FieldError id="helpWith-error" message={errors.helpWith} />
          <div className="radios">
            {helpOptions.map((option) => (
              <div className="checkbox" key={option.value}>
                <input
                  id={`helpWith-${option.value}`}
                  name="helpWith"
                  type="checkbox"
                  value={option.value}
                  defaultChecked={values.helpWith.includes(option.value)}
                />
                <label htmlFor={`helpWith-${option.value}`}>{option.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

      <div className={`field${errors.contactBy ? " field--error" : ""}`}>
        <fieldset className="fieldset" aria-describedby={describedBy(errors.contactBy && "contactBy-error")}>
          <legend className="fieldset__legend">How should we contact you?</legend>
          <FieldError id="contactBy-error" message={errors.contactBy} />
          <div className="radios">
            {contactOptions.map((option) => (
              <div className="radio" key={option.value}>
                <input
                  id={`contactBy-${option.value}`}
                  name="contactBy"
                  type="radio"
                  value={option.value}
                  defaultChecked={values.contactBy === option.value}
                />
                <label htmlFor={`contactBy-${option.value}`}>{option.label}</label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>

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
