// What one sign-up costs to validate: ordinary sign-ups against the worst inputs we can think of (16 KB
// values, long runs of `a-`, `a.`, `www`, unicode, control characters, values of the wrong type), in CPU
// time per request. The promise (issue #8): the worst input costs at most 3× an ordinary sign-up.
//
//   npx tsx --conditions=react-server tests/bench/validation-cost.ts [--n=2000]
//
// "before" runs the same schemas with the name and email fields as they were before the fix (copied
// below), so the table shows what the fix changed without checking out old code.
import { z } from "zod";
import { formToObject, parseWith } from "@/lib/entry/form-input";
import { signPledgeSchema } from "@/lib/validation/pledge";
import { volunteerSchema } from "@/lib/validation/volunteer";

// ---- The name and email fields before the fix, verbatim ----------------------------------------------

const formulaStartBefore = /^[=+\-@\t\r]/;
const looksLikeUrlBefore =
  /(:\/\/|www\.|\b[a-z0-9-]+\.(com|net|org|info|biz|io|co|uk|ru|cn|xyz|top|site|online|app|dev|ly|me|gl)\b)/i;
const controlCharactersBefore = /[\u0000-\u001f\u007f-\u009f]/;

const personNameBefore = z
  .string({ error: "Enter your full name" })
  .trim()
  .min(1, "Enter your full name")
  .max(100, "Your name must be 100 characters or fewer")
  .refine((name) => !formulaStartBefore.test(name), "Your name cannot start with =, +, -, or @")
  .refine((name) => !looksLikeUrlBefore.test(name), "Your name cannot contain a web address")
  .refine((name) => !controlCharactersBefore.test(name), "Your name contains characters we cannot accept");

const emailAddressBefore = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Your email address must be 254 characters or fewer")
  .pipe(z.email({ error: "Enter an email address in the right format, like name@example.com" }));

/** lib/entry/form-input.ts `formToObject` before the fix: every entry of the form was read. */
function formToObjectBefore(
  form: FormData,
  listFields: readonly string[] = [],
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value !== "string" || key.startsWith("$ACTION")) continue;
    const text = value.slice(0, 2_000);
    if (listFields.includes(key))
      result[key] = [...((result[key] as string[] | undefined) ?? []), text].slice(0, 20);
    else if (!(key in result)) result[key] = text;
  }
  return result;
}

/** The same schema with the name and email fields swapped for the old ones (refinements kept). */
function withOldFields(schema: z.ZodType): z.ZodType {
  const oldFields = { name: personNameBefore, email: emailAddressBefore };
  if (schema instanceof z.ZodObject) return schema.safeExtend(oldFields);
  if (schema instanceof z.ZodPipe && schema.in instanceof z.ZodObject)
    return schema.in.safeExtend(oldFields).pipe(schema.out as z.ZodType<unknown, Record<string, unknown>>);
  throw new Error("withOldFields: expected an object schema, or an object piped into a transform");
}

// ---- Inputs -------------------------------------------------------------------------------------------

const SIZE = 16 * 1024;
const fill = (unit: string, size = SIZE) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

const pledgeValid = (i: number) => ({
  name: `Jo Bloggs ${i % 100}`,
  email: `jo.bloggs${i % 100}@example.org`,
  nation: "england",
  campaignEmails: "yes",
});

const volunteerValid = (i: number) => ({
  name: `Morag MacLeod ${i % 100}`,
  email: `morag${i % 100}@example.org`,
  phone: "07912 345678",
  healthBoard: "Lothian",
  helpWith: ["media"],
  note: "Happy to speak to the press about being counted.",
  contactBy: "email",
  healthConsent: "yes",
});

/** Worst cases for the fields both forms share: [label, overrides]. */
const sharedWorst: [string, Record<string, unknown>][] = [
  ["(for scale) an ordinary mistake: a blank name", { name: "" }],
  ["name: 16 KB of `a`", { name: fill("a") }],
  ["name: 16 KB of `a-`", { name: fill("a-") }],
  ["name: 16 KB of `a.`", { name: fill("a.") }],
  ["name: 16 KB of `a.co`", { name: fill("a.co") }],
  ["name: 16 KB of `www`", { name: fill("www") }],
  ["name: 16 KB of `é🙂`", { name: fill("é🙂") }],
  ["name: 16 KB of control characters", { name: fill("\u0001\u0085") }],
  ["name: 16 KB of spaces around `Jo`", { name: `${fill(" ", SIZE / 2)}Jo${fill(" ", SIZE / 2)}` }],
  ["name: 100 characters of `a-`", { name: fill("a-", 100) }],
  ["name: an array of 2,000 strings", { name: Array.from({ length: 2_000 }, () => "a-a-") }],
  ["name: an object", { name: { toString: "x", length: 1e9 } }],
  ["name: a number", { name: 1e308 }],
  ["email: 16 KB of `a.` then `@`", { email: `${fill("a.", SIZE - 1)}@` }],
  ["email: 16 KB `a@` then `a-a.`…", { email: `a@${fill("a-a.", SIZE - 2)}` }],
  ["email: 254 characters of `a.a-`…`@a`", { email: `${fill("a.a-", 250)}@a.b1` }],
  ["email: 254 characters `a@a-a.`…", { email: `a@${fill("a-a.", 250)}1` }],
];

/** A 16 KB JSON object: a valid sign-up plus 1,500 fields no schema asks for. */
const manyFields = Object.fromEntries(Array.from({ length: 1_500 }, (_, i) => [`f${i}`, "a-a."]));

const extraFields: [string, Record<string, unknown>] = ["1,500 extra fields (16 KB)", manyFields];

const volunteerWorst: [string, Record<string, unknown>][] = [
  ...sharedWorst,
  ["note: 16 KB", { note: fill("Happy to help. ") }],
  ["phone: 16 KB of digits and spaces", { phone: fill("07 ") }],
  ["helpWith: 2,000 boxes", { helpWith: Array.from({ length: 2_000 }, () => "media") }],
];

/** A form as a browser (or a script) posts it: a FormData of at most 16 KB, as the server action sees it. */
function formData(fields: Record<string, string | string[]>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields))
    for (const item of Array.isArray(value) ? value : [value]) form.append(name, item);
  return form;
}

const stringsOnly = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).filter(([, value]) => typeof value === "string" || Array.isArray(value)),
  ) as Record<string, string | string[]>;

// ---- Measuring ---------------------------------------------------------------------------------------

const N = Number(process.argv.find((arg) => arg.startsWith("--n="))?.slice(4) ?? 2_000);

/** Process CPU time (user + system) per call, in µs: the median of several rounds, after a warm-up. */
function cpuMicros(run: (i: number) => unknown, n = N, rounds = 5): number {
  for (let i = 0; i < Math.min(200, n); i++) run(i);
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (let i = 0; i < n; i++) run(i);
    const used = process.cpuUsage(start);
    perCall.push((used.user + used.system) / n);
  }
  return perCall.sort((a, b) => a - b)[Math.floor(rounds / 2)]!;
}

type Target = {
  title: string;
  normal: (i: number) => unknown;
  worst: [string, (i: number) => unknown][];
};

function schemaTarget(
  title: string,
  schema: z.ZodType,
  valid: (i: number) => Record<string, unknown>,
  worst: [string, Record<string, unknown>][],
): Target {
  // Inputs are built before the clock starts: a JSON body arrives as an object already.
  const normal = Array.from({ length: 100 }, (_, i) => valid(i));
  return {
    title,
    normal: (i) => schema.safeParse(normal[i % 100]),
    worst: worst.map(([label, overrides]) => {
      const input = { ...valid(0), ...overrides };
      return [label, () => schema.safeParse(input)];
    }),
  };
}

type ToObject = typeof formToObject;

function formTarget(
  title: string,
  schema: z.ZodType,
  toObject: ToObject,
  valid: (i: number) => Record<string, unknown>,
  worst: [string, Record<string, unknown>][],
  listFields: string[] = [],
): Target {
  // The FormData is built before the clock starts: the framework hands the action a parsed form.
  const post = (fields: Record<string, string | string[]>) => {
    const form = formData(fields);
    return () => parseWith(schema, toObject(form, listFields));
  };
  const isFormValue = (value: unknown) =>
    typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string"));
  const formWorst = worst.filter(([, overrides]) => Object.values(overrides).every(isFormValue));
  const normalForms = Array.from({ length: 100 }, (_, i) => post(stringsOnly(valid(i))));
  return {
    title,
    normal: (i) => normalForms[i % 100]!(),
    worst: formWorst.map(([label, overrides]) => [label, post(stringsOnly({ ...valid(0), ...overrides }))]),
  };
}

function targets(which: "before" | "after"): Target[] {
  const pledge = which === "before" ? withOldFields(signPledgeSchema) : signPledgeSchema;
  const volunteer = which === "before" ? withOldFields(volunteerSchema) : volunteerSchema;
  const toObject = which === "before" ? formToObjectBefore : formToObject;
  const pledgeWorst = [...sharedWorst, extraFields];
  const volunteerWorstAll = [...volunteerWorst, extraFields];
  return [
    schemaTarget("signPledgeSchema (as the JSON API passes it)", pledge, pledgeValid, pledgeWorst),
    schemaTarget("volunteerSchema", volunteer, volunteerValid, volunteerWorstAll),
    formTarget("pledge form (formToObject → parseWith)", pledge, toObject, pledgeValid, pledgeWorst),
    formTarget(
      "volunteer form (formToObject → parseWith)",
      volunteer,
      toObject,
      volunteerValid,
      volunteerWorstAll,
      ["helpWith"],
    ),
  ];
}

const fmt = (micros: number) => micros.toFixed(micros < 10 ? 2 : 1);
const ratio = (worst: number, normal: number) => `${(worst / normal).toFixed(1)}×`;

const lines: string[] = [];
const print = (line = "") => {
  lines.push(line);
  console.log(line);
};

print(
  `Process CPU time (user + system) per request in µs: median of 5 rounds of ${N} requests, after 200 warm-up calls (rows over 1 ms: 3 rounds of 4).`,
);
const before = targets("before");
const after = targets("after");
let worstRatio = 0;
for (const [t, target] of after.entries()) {
  const old = before[t]!;
  const normalBefore = cpuMicros(old.normal);
  const normalAfter = cpuMicros(target.normal);
  print();
  print(`### ${target.title}`);
  print();
  print("| input | before µs | before ratio | after µs | after ratio |");
  print("| --- | ---: | ---: | ---: | ---: |");
  print(`| normal valid sign-up | ${fmt(normalBefore)} | 1.0× | ${fmt(normalAfter)} | 1.0× |`);
  for (const [w, [label, run]] of target.worst.entries()) {
    // The old pattern can take seconds on 16 KB: fewer runs, same per-request figure.
    const slowBefore = cpuMicros(old.worst[w]![1], 3, 1);
    const microsBefore = slowBefore > 1_000 ? cpuMicros(old.worst[w]![1], 4, 3) : cpuMicros(old.worst[w]![1]);
    const microsAfter = cpuMicros(run);
    worstRatio = Math.max(worstRatio, microsAfter / normalAfter);
    print(
      `| ${label} | ${fmt(microsBefore)} | ${ratio(microsBefore, normalBefore)} | ${fmt(microsAfter)} | ${ratio(microsAfter, normalAfter)} |`,
    );
  }
}
print();
print(`Worst ratio after: ${worstRatio.toFixed(2)}× (target ≤ 3×).`);
