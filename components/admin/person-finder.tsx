"use client";

import { useActionState } from "react";
import { ErrorSummary } from "@/components/ui/error-summary";
import { SubmitButton } from "@/components/ui/submit-button";
import { TextField } from "@/components/ui/text-field";
import type { DisplayItem } from "@/lib/admin/records/format";
import { DetailsList } from "@/components/admin/details-list";

export type FoundRecord = { id: string; items: DisplayItem[] };

export type PersonFinderState = {
  email: string;
  fieldErrors: { email?: string };
  /** What is held for the address: set once a search has run. */
  found?: { signature: FoundRecord | null; volunteer: FoundRecord | null };
};

export const emptyPersonFinder: PersonFinderState = { email: "", fieldErrors: {} };

function summary(found: NonNullable<PersonFinderState["found"]>): string {
  if (found.signature && found.volunteer) return "Found a signature and a volunteer record.";
  if (found.signature) return "Found a signature.";
  if (found.volunteer) return "Found a volunteer record.";
  return "Found nothing for this address.";
}

type PersonFinderProps = {
  action: (state: PersonFinderState, form: FormData) => Promise<PersonFinderState>;
};

/**
 * Finds everything held for one email address. A POST, not a GET, so the address never lands in a URL,
 * the browser's history or a server log. Works without JavaScript.
 */
export function PersonFinder({ action }: PersonFinderProps) {
  const [state, formAction] = useActionState(action, emptyPersonFinder);
  const { found } = state;
  const eraseQuery = found
    ? new URLSearchParams({
        ...(found.signature ? { signatureId: found.signature.id } : {}),
        ...(found.volunteer ? { volunteerId: found.volunteer.id } : {}),
      }).toString()
    : "";

  return (
    <>
      <form action={formAction} noValidate className="form">
        <ErrorSummary errors={state.fieldErrors} fieldIds={{ email: "email" }} />
        <TextField
          id="email"
          name="email"
          type="email"
          label="Their email address"
          hint="Any spelling of the address finds them: capitals, +tags and Gmail dots do not matter."
          defaultValue={state.email}
          error={state.fieldErrors.email}
          maxLength={254}
          spellCheck={false}
          autoComplete="off"
        />
        <SubmitButton>Find what we hold</SubmitButton>
      </form>

      <p className="visually-hidden" aria-live="polite">
        {found && summary(found)}
      </p>
      {found && (
        <section aria-labelledby="found-title">
          <h2 id="found-title">What we hold for {state.email}</h2>
          <h3>Signature</h3>
          {found.signature ? (
            <DetailsList items={found.signature.items} />
          ) : (
            <p>No signature for this address.</p>
          )}
          <h3>Volunteer record</h3>
          {found.volunteer ? (
            <DetailsList items={found.volunteer.items} />
          ) : (
            <p>No volunteer record for this address.</p>
          )}
          {found.signature || found.volunteer ? (
            <p>
              <a className="button button--warning" href={`/admin/people/erase?${eraseQuery}`}>
                Erase these details…
              </a>
            </p>
          ) : (
            <p>We hold no signature or volunteer record for this address.</p>
          )}
        </section>
      )}
    </>
  );
}
