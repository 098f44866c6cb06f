import type { z } from "zod";
import { firstErrorPerField, type FieldErrors } from "@/lib/validation/form-errors";

/** Longest value we read from any single form field; zod applies the real, per-field limits. */
const MAX_FIELD_LENGTH = 2_000;

/**
 * FormData (or a JSON body) to a plain object of strings, then through the zod schema. Files and
 * repeated fields are ignored: none of our forms has them, and `as string` casts are how bugs get in.
 */
export function formToObject(form: FormData): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !(key in result) && !key.startsWith("$ACTION")) {
      result[key] = value.slice(0, MAX_FIELD_LENGTH);
    }
  }
  return result;
}

export type Parsed<T, Field extends string> =
  { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors<Field> };

export function parseWith<S extends z.ZodType, Field extends string>(
  schema: S,
  input: unknown,
): Parsed<z.infer<S>, Field> {
  const result = schema.safeParse(input);
  return result.success
    ? { ok: true, data: result.data }
    : { ok: false, fieldErrors: firstErrorPerField<Field>(result.error) };
}
