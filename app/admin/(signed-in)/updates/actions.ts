"use server";

import { redirect } from "next/navigation";
import type { UpdateFormState } from "@/components/admin/updates/update-form";
import { staffAction, staffFormAction, type InvalidInput } from "@/lib/entry/action";
import { campaignUpdates, isKnownPartner } from "@/lib/updates";
import {
  sendUpdateSchema,
  updateDraftSchema,
  updateIdSchema,
  updateRateSchema,
} from "@/lib/validation/admin/update";

// Thin wrappers: the entry layer checks "send-updates" and parses; each calls lib/updates.

const typedAgain = ({ fieldErrors, input }: InvalidInput): UpdateFormState => ({
  fieldErrors,
  values: Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  ),
});

export const saveUpdateAction = staffFormAction(
  "send-updates",
  updateDraftSchema,
  async ({ id, ...draft }, staff): Promise<UpdateFormState> => {
    if (draft.partnerCode && !isKnownPartner(draft.partnerCode))
      return {
        fieldErrors: { partnerCode: "Choose a partner from the list" },
        values: {
          ...draft,
          nation: draft.nation ?? "",
          partnerCode: "",
          ratePerMinute: String(draft.ratePerMinute),
        },
      };
    const updates = campaignUpdates(staff);
    if (id) {
      const saved = await updates.edit(id, draft, staff);
      redirect(`/admin/updates/${id}?done=${saved ? "saved" : "already-sent"}`);
    }
    const created = await updates.create(draft, staff);
    redirect(`/admin/updates/${created}?done=saved`);
  },
  typedAgain,
);

export const sendUpdateAction = staffFormAction(
  "send-updates",
  sendUpdateSchema,
  async ({ id }, staff): Promise<UpdateFormState> => {
    const recipients = await campaignUpdates(staff).send(id, staff);
    redirect(`/admin/updates/${id}?done=${recipients === undefined ? "already-sent" : "sending"}`);
  },
  typedAgain,
);

export const updateRateAction = staffFormAction(
  "send-updates",
  updateRateSchema,
  async ({ id, ratePerMinute }, staff): Promise<UpdateFormState> => {
    const changed = await campaignUpdates(staff).setRate(id, ratePerMinute, staff);
    redirect(`/admin/updates/${id}?done=${changed ? "rate" : "finished"}`);
  },
  typedAgain,
);

export const stopUpdateAction = staffAction(
  "send-updates",
  updateIdSchema,
  async ({ id }, staff) => {
    const stopped = await campaignUpdates(staff).stop(id, staff);
    redirect(`/admin/updates/${id}?done=${stopped === undefined ? "finished" : "stopped"}`);
  },
  "/admin/updates",
);
