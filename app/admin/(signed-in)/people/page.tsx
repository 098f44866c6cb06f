import type { Metadata } from "next";
import { PersonFinder } from "@/components/admin/person-finder";
import { requireStaff } from "@/lib/admin/access/session";
import { findPersonAction } from "@/app/admin/(signed-in)/people/actions";

export const metadata: Metadata = { title: "Find and erase a person" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Only these fixed outcomes are ever shown back: the query string cannot put words on the page.
const signatureOutcomes: Record<string, string> = {
  anonymised: "The signature was anonymised: it still counts, without a name or email address.",
  "not-found": "There was no signature to erase (it may have been erased already).",
};
const volunteerOutcomes: Record<string, string> = {
  deleted: "The volunteer record was deleted, with all its details.",
  "not-found": "There was no volunteer record to delete (it may have been deleted already).",
};

export default async function PeoplePage({ searchParams }: Props) {
  await requireStaff("erase");
  const query = await searchParams;
  const outcomes = [
    signatureOutcomes[String(query.signature ?? "")],
    volunteerOutcomes[String(query.volunteer ?? "")],
  ].filter(Boolean);
  const erased = query.signature === "anonymised" || query.volunteer === "deleted";

  return (
    <>
      <h1>Find and erase a person</h1>
      {outcomes.length > 0 && (
        <div className="panel" role="status">
          <h2>{erased ? "Erasure done" : "Nothing was erased"}</h2>
          <ul>
            {outcomes.map((outcome) => (
              <li key={outcome}>{outcome}</li>
            ))}
          </ul>
          {erased && <p>The erasure is recorded in the audit log, by record id only.</p>}
        </div>
      )}
      {query.erased === "nothing" && (
        <div className="error-summary" role="alert">
          <p>Nothing was erased: the request did not name a record. Find the person again.</p>
        </div>
      )}
      <p>
        When someone asks what we hold about them, or asks us to erase it, find them here by email address.
        Looking someone up is recorded in the audit log.
      </p>
      <PersonFinder action={findPersonAction} />
    </>
  );
}
