import "server-only";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { z } from "zod";
import { requireStaff, type StaffWith } from "@/lib/admin/access/session";
import type { Permission } from "@/lib/admin/access/roles";
import { clientAddress } from "@/lib/entry/client-address";
import type { FieldErrors } from "@/lib/validation/form-errors";
import { formToObject, parseWith } from "@/lib/entry/form-input";

// The one way a server action is built. Every action in app/ is `export const x = staffAction(…)` or
// `publicAction(…)` (or their form-state twins): the wrapper checks who is calling FIRST, then reads the
// form into a plain object and parses it with the action's zod schema, and only then calls the action's
// body, which hands the parsed input to one lib/ function. Bad input never reaches lib/: it becomes a
// redirect (plain forms) or the form state with a message beside each field (forms with useActionState).
//
// Why our own 60 lines and not next-safe-action: its results come back as { data, validationErrors,
// serverError }, which our forms (built to work without JavaScript, through useActionState and redirects)
// would have to be rewritten around; what we need from it is the order of the checks, which is this file.

/** What the caller sent that the schema refused: one message per field, and the raw text to show again. */
export type InvalidInput<Field extends string = string> = {
  fieldErrors: FieldErrors<Field>;
  input: Record<string, string | string[]>;
};

/** Who is calling a public action: the network it came from (see lib/entry/client-address.ts). */
export type PublicCaller = { clientAddress: string };

type Options = {
  /** Checkbox groups, whose every ticked box is kept (other repeated fields keep their first value). */
  listFields?: readonly string[];
};

/**
 * Reads and parses the form; the caller decides what bad input becomes. A call that sends no form at all
 * (a script posting an action id with made-up arguments) is answered as a page that is not there.
 */
function parseForm<S extends z.ZodType>(schema: S, form: unknown, options: Options) {
  if (!(form instanceof FormData)) notFound();
  const input = formToObject(form, options.listFields);
  const parsed = parseWith<S, string>(schema, input);
  return { input, parsed };
}

async function publicCaller(): Promise<PublicCaller> {
  return { clientAddress: clientAddress(await headers()) };
}

/**
 * A plain form's action for staff (`<form action={x}>`): signed out → sign-in page, role without the
 * permission → 403, bad input → redirect to `invalidUrl`, else `run`, which ends with a redirect.
 */
export function staffAction<P extends Permission, S extends z.ZodType>(
  permission: P | readonly P[],
  schema: S,
  run: (input: z.infer<S>, staff: StaffWith<P>) => Promise<void>,
  invalidUrl: string,
  options: Options = {},
): (form: FormData) => Promise<void> {
  return async (form) => {
    const staff = await requireStaff(permission);
    const { parsed } = parseForm(schema, form, options);
    if (!parsed.ok) redirect(invalidUrl);
    await run(parsed.data, staff);
  };
}

/**
 * A staff form with messages beside its fields (`useActionState`): the same checks in the same order;
 * bad input becomes the next state through `invalid`.
 */
export function staffFormAction<P extends Permission, S extends z.ZodType, State>(
  permission: P | readonly P[],
  schema: S,
  run: (input: z.infer<S>, staff: StaffWith<P>, previous: State) => Promise<State>,
  invalid: (problem: InvalidInput, previous: State) => State,
  options: Options = {},
): (previous: State, form: FormData) => Promise<State> {
  return async (previous, form) => {
    const staff = await requireStaff(permission);
    const { input, parsed } = parseForm(schema, form, options);
    if (!parsed.ok) return invalid({ fieldErrors: parsed.fieldErrors, input }, previous);
    return run(parsed.data, staff, previous);
  };
}

/** A plain form's action anyone may use (the pledge, the volunteer links, staff sign-in). */
export function publicAction<S extends z.ZodType>(
  schema: S,
  run: (input: z.infer<S>, caller: PublicCaller) => Promise<void>,
  invalidUrl: string | ((input: Record<string, string | string[]>) => string),
  options: Options = {},
): (form: FormData) => Promise<void> {
  return async (form) => {
    const { input, parsed } = parseForm(schema, form, options);
    if (!parsed.ok) redirect(typeof invalidUrl === "string" ? invalidUrl : invalidUrl(input));
    await run(parsed.data, await publicCaller());
  };
}

/** A public form with messages beside its fields (`useActionState`). */
export function publicFormAction<S extends z.ZodType, State>(
  schema: S,
  run: (input: z.infer<S>, caller: PublicCaller, previous: State) => Promise<State>,
  invalid: (problem: InvalidInput, previous: State) => State,
  options: Options = {},
): (previous: State, form: FormData) => Promise<State> {
  return async (previous, form) => {
    const { input, parsed } = parseForm(schema, form, options);
    if (!parsed.ok) return invalid({ fieldErrors: parsed.fieldErrors, input }, previous);
    return run(parsed.data, await publicCaller(), previous);
  };
}

/** The text a field held, for putting it back in the form after a refusal. */
export const textOf = (value: string | string[] | undefined): string =>
  typeof value === "string" ? value : "";
