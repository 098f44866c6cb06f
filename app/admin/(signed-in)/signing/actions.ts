"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FieldsFormState } from "@/components/admin/fields-form";
import { signingControls } from "@/lib/admin/signing-controls";
import { staffAction, staffFormAction, type InvalidInput } from "@/lib/entry/action";
import {
  allowRangeSchema,
  freeAllowanceSchema,
  heldActionSchema,
  removeRangeSchema,
} from "@/lib/validation/signing-controls";

// Thin wrappers: the entry layer checks "manage-signing" and parses; each calls lib/admin/signing-controls.

/** A refused form comes back with what was typed and a message beside each field. */
const typedAgain = ({ fieldErrors, input }: InvalidInput): FieldsFormState => ({
  fieldErrors,
  values: Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  ),
});

export const heldAction = staffAction(
  "manage-signing",
  heldActionSchema,
  async ({ action, ...selection }, staff) => {
    const count =
      action === "release"
        ? await signingControls(staff).release(selection, staff)
        : await signingControls(staff).discard(selection, staff);
    redirect(`/admin/signing?done=${action}d&count=${count}`);
  },
  "/admin/signing?done=invalid",
);

export const freeAllowanceAction = staffFormAction(
  "manage-signing",
  freeAllowanceSchema,
  async ({ freePerAddressPerHour }, staff): Promise<FieldsFormState> => {
    await signingControls(staff).setFreeAllowance(freePerAddressPerHour, staff);
    return {
      fieldErrors: {},
      values: {},
      done: `Saved: ${freePerAddressPerHour} sign-ups an hour per network without a challenge.`,
    };
  },
  typedAgain,
);

export const allowRangeAction = staffFormAction(
  "manage-signing",
  allowRangeSchema,
  async (input, staff): Promise<FieldsFormState> => {
    await signingControls(staff).allowRange(input, staff);
    redirect("/admin/signing?done=range-allowed");
  },
  typedAgain,
);

export const removeRangeAction = staffAction(
  "manage-signing",
  removeRangeSchema,
  async (input, staff) => {
    await signingControls(staff).removeRange(input.id, staff);
    redirect("/admin/signing?done=range-removed");
  },
  "/admin/signing?done=invalid",
);

export const recountAction = staffAction(
  "manage-signing",
  z.object({}),
  async (_input, staff) => {
    const result = await signingControls(staff).recount(staff);
    redirect(`/admin/signing?done=recounted&count=${result.repaired.length}`);
  },
  "/admin/signing",
);
