"use server";

import { redirect } from "next/navigation";
import { staffAction, staffFormAction, textOf } from "@/lib/entry/action";
import { paperPledges } from "@/lib/paper";
import type { PaperEntryState } from "@/lib/paper/entry-state";
import { paperEntrySchema } from "@/lib/paper/schemas";
import { paperBatchIdSchema } from "@/lib/validation/admin/paper";

// Thin wrappers: the entry layer checks "paper-pledges" and parses; each calls lib/paper.

export const storeAction = staffAction(
  "paper-pledges",
  paperBatchIdSchema,
  async ({ id }, staff) => {
    const result = await paperPledges(staff).store(id);
    if (!result.stored) redirect(`/admin/paper/${id}?done=not-draft`);
    redirect(`/admin/paper/${id}?done=stored&skipped=${result.signedSincePreview}`);
  },
  "/admin/paper?done=invalid",
);

export const discardAction = staffAction(
  "paper-pledges",
  paperBatchIdSchema,
  async ({ id }, staff) => {
    const discarded = await paperPledges(staff).discard(id);
    redirect(discarded ? "/admin/paper?done=discarded" : `/admin/paper/${id}?done=not-draft`);
  },
  "/admin/paper?done=invalid",
);

export const undoAction = staffAction(
  "paper-pledges",
  paperBatchIdSchema,
  async ({ id }, staff) => {
    const result = await paperPledges(staff).undo(id);
    redirect(
      result.undone ? `/admin/paper?done=undone&count=${result.removed}` : "/admin/paper?done=not-stored",
    );
  },
  "/admin/paper?done=invalid",
);

const eventFields = ["eventName", "eventDate", "consentVersion"] as const;

export const addTypedAction = staffFormAction(
  "paper-pledges",
  paperEntrySchema,
  async (entry, staff, previous): Promise<PaperEntryState> => {
    const result = await paperPledges(staff).addTyped(entry);
    // The event stays filled in, ready for the next form from the same event.
    const event = Object.fromEntries(eventFields.map((field) => [field, entry[field]]));
    if (!result.added)
      return {
        fieldErrors: {
          email:
            "This email address has already signed the pledge: it is counted once, so nothing was added.",
        },
        attempt: previous.attempt + 1,
        values: {
          ...event,
          name: entry.name,
          email: entry.email,
          nation: entry.nation,
          country: entry.nation === "other" ? entry.country : "",
          campaignEmails: entry.campaignEmails ? "yes" : "no",
        },
      };
    return {
      fieldErrors: {},
      values: event,
      attempt: previous.attempt + 1,
      done: `Added ${entry.name}${entry.email ? "" : " (paper only, no email)"} to ${entry.eventName}. It counts in the total now.`,
    };
  },
  ({ fieldErrors, input }, previous) => ({
    fieldErrors,
    attempt: previous.attempt + 1,
    values: Object.fromEntries(
      [
        "eventName",
        "eventDate",
        "consentVersion",
        "name",
        "email",
        "nation",
        "country",
        "campaignEmails",
      ].map((field) => [field, textOf(input[field])]),
    ),
  }),
);
