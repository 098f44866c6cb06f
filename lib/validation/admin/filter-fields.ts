import { z } from "zod";

// The building blocks of the staff lists' filter forms: blank means "any", a choice from a list, a day.

/** An empty form field means "any": "" and absent both become undefined. */
export const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

export const choice = <const T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess(blankToUndefined, z.enum(values, { error: message }).optional());

export const isoDay = z.preprocess(
  blankToUndefined,
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "Enter a date like 2026-11-25")
    .refine((value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
    }, "Enter a real date, like 2026-11-25")
    .optional(),
);

export type Dated = { from?: string; to?: string };

export function checkDates(input: Dated, ctx: z.RefinementCtx) {
  if (input.from && input.to && input.to < input.from)
    ctx.addIssue({
      code: "custom",
      path: ["to"],
      message: "The end date must be the same as or after the start date",
    });
}
