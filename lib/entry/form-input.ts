import type { z } from "zod";
import { firstErrorPerField, type FieldErrors } from "@/lib/validation/form-errors";

/** Longest value we read from any single form field; zod applies the real, per-field limits. */
const MAX_FIELD_LENGTH = 2_000;
/**
 * Most entries we read from one form: ours have a dozen fields, a few ticked boxes and the framework's
 * `$ACTION` entries. A script's 16 KB of tiny fields is otherwise a 1,500-key object to build and check.
 */
const MAX_ENTRIES = 100;
/** Most values kept for one checkbox group. */
const MAX_LIST_LENGTH = 20;

/**
 * FormData (or a JSON body) to a plain object of strings, then through the zod schema. Files and
 * repeated fields are ignored: none of our forms has them, and `as string` casts are how bugs get in.
 */
export function formToObject(
  form: FormData,
  listFields: readonly string[] = [],
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  let read = 0;
  for (const [key, value] of form.entries()) {
    if (++read > MAX_ENTRIES) break;
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const text = value.slice(0, MAX_FIELD_LENGTH);
    // Checkbox groups send one entry per ticked box: keep them all (a bounded few).
    if (listFields.includes(key)) {
      const list = Object.hasOwn(result, key) ? (result[key] as string[]) : (result[key] = []);
      if (list.length < MAX_LIST_LENGTH) list.push(text);
    } else if (!Object.hasOwn(result, key)) result[key] = text;
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
