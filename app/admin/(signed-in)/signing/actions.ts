"use server";

import { redirect } from "next/navigation";
import type { FieldsFormState } from "@/components/admin/fields-form";
import { formToObject, parseWith } from "@/lib/actions/parse-form";
import { requireStaff } from "@/lib/admin/session";
import { signingControls } from "@/lib/admin/signing-controls";
import {
  allowRangeSchema,
  freeAllowanceSchema,
  heldActionSchema,
  removeRangeSchema,
} from "@/lib/validation/signing-controls";

// Thin wrappers: check the staff member's permission, parse, call lib/admin/signing-controls.

const textValues = (input: Record<string, string | string[]>) =>
  Object.fromEntries(
    Object.entries(input).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  );

export async function heldAction(form: FormData): Promise<void> {
  const staff = await requireStaff("manage-signing");
  const parsed = heldActionSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/signing?done=invalid");
  const { action, ...selection } = parsed.data;
  const count =
    action === "release"
      ? await signingControls.release(selection, staff)
      : await signingControls.discard(selection, staff);
  redirect(`/admin/signing?done=${action}d&count=${count}`);
}

export async function freeAllowanceAction(
  _previous: FieldsFormState,
  form: FormData,
): Promise<FieldsFormState> {
  const staff = await requireStaff("manage-signing");
  const input = formToObject(form);
  const parsed = parseWith<typeof freeAllowanceSchema, "freePerAddressPerHour">(freeAllowanceSchema, input);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: textValues(input) };
  await signingControls.setFreeAllowance(parsed.data.freePerAddressPerHour, staff);
  return {
    fieldErrors: {},
    values: {},
    done: `Saved: ${parsed.data.freePerAddressPerHour} sign-ups an hour per network without a challenge.`,
  };
}

export async function allowRangeAction(_previous: FieldsFormState, form: FormData): Promise<FieldsFormState> {
  const staff = await requireStaff("manage-signing");
  const input = formToObject(form);
  const parsed = parseWith<typeof allowRangeSchema, "cidr" | "note" | "hours">(allowRangeSchema, input);
  if (!parsed.ok) return { fieldErrors: parsed.fieldErrors, values: textValues(input) };
  await signingControls.allowRange(parsed.data, staff);
  redirect("/admin/signing?done=range-allowed");
}

export async function removeRangeAction(form: FormData): Promise<void> {
  const staff = await requireStaff("manage-signing");
  const parsed = removeRangeSchema.safeParse(formToObject(form));
  if (!parsed.success) redirect("/admin/signing?done=invalid");
  await signingControls.removeRange(parsed.data.id, staff);
  redirect("/admin/signing?done=range-removed");
}

export async function recountAction(): Promise<void> {
  const staff = await requireStaff("manage-signing");
  const result = await signingControls.recount(staff);
  redirect(`/admin/signing?done=recounted&count=${result.repaired.length}`);
}
