import type { z } from "zod";

export type FieldErrors<Field extends string> = Partial<Record<Field, string>>;

/** The first message for each field: one clear instruction per field is easier to act on than a list. */
export function firstErrorPerField<Field extends string>(error: z.ZodError): FieldErrors<Field> {
  const errors: FieldErrors<Field> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form") as Field;
    errors[field] ??= issue.message;
  }
  return errors;
}
