import { z } from "zod";

// Frontmatter rules for everything in content/. The build fails on any breach, naming the file and field,
// so a page can never go live with a figure that has no source or a date nobody can parse.

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  // A round trip catches 2026-02-31, which Date would quietly roll over into March.
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "is not a real calendar date");

const partialDate = "\\d{4}(?:-\\d{2}(?:-\\d{2})?)?";
/**
 * Source dates may be as precise as the source is: a day, a month or a year; or, for data published
 * without a known release date, the period the data covers ("2019-10/2022-09").
 */
const sourceDate = z.preprocess(
  // YAML reads a bare `2025` as a number; a year on its own is still a date.
  (value) => (typeof value === "number" ? String(value) : value),
  z
    .string()
    .regex(
      new RegExp(`^${partialDate}(?:/${partialDate})?$`),
      "must be a date written YYYY, YYYY-MM or YYYY-MM-DD, or a period such as 2019-10/2022-09",
    ),
);

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const sourceId = z.string().regex(slugPattern, "must be a kebab-case id such as natcan-2025");

export const sourceSchema = z.strictObject({
  id: sourceId,
  title: z.string().min(3),
  publisher: z.string().min(2),
  date: sourceDate,
  url: z.url({ protocol: /^https$/ }).optional(),
});
export type Source = z.infer<typeof sourceSchema>;

/** A headline number: shown large, always with the source it comes from. */
export const keyFigureSchema = z.strictObject({
  value: z.string().min(1).max(20),
  label: z.string().min(3).max(160),
  source: sourceId,
});
export type KeyFigure = z.infer<typeof keyFigureSchema>;

const base = {
  title: z.string().min(3).max(90),
  description: z.string().min(20).max(200),
  sources: z.array(sourceSchema).default([]),
  figures: z.array(keyFigureSchema).default([]),
  /** Slugs of related content, written as "blog/why-count" or "audits/naome-2025". */
  related: z.array(z.string().regex(/^(blog|audits|pages)\/[a-z0-9-]+$/, "must look like blog/some-slug")).default([]),
};

/**
 * Our own page's dates, never the date of a report it describes (that belongs to the report's entry in
 * `sources`). `published` is when this page first went live; `reviewed` is when someone last checked every
 * figure and claim on it against its sources; `updated` (optional) is when its wording last changed.
 * `npm run content:check` warns when a review is more than six months old.
 */
const ownDates = {
  published: isoDate,
  reviewed: isoDate,
  updated: isoDate.optional(),
};

/** A page cannot have been reviewed or updated before it first went live. */
function datesInOrder(dates: { published?: string; reviewed?: string; updated?: string }, ctx: z.RefinementCtx) {
  if (!dates.published) return;
  for (const field of ["reviewed", "updated"] as const) {
    const value = dates[field];
    if (value && value < dates.published) {
      ctx.addIssue({ code: "custom", path: [field], message: `is before published (${dates.published})` });
    }
  }
}

export const blogFrontmatterSchema = z
  .strictObject({
    ...base,
    ...ownDates,
    author: z.string().min(2).default("The Count Us In team"),
  })
  .superRefine(datesInOrder);

export const auditFrontmatterSchema = z
  .strictObject({
    ...base,
    ...ownDates,
    /** Lower numbers come first on /audits. */
    order: z.number().int().min(0),
    nations: z.array(z.enum(["england", "wales", "scotland", "northern-ireland", "uk"])).min(1),
  })
  .superRefine(datesInOrder);

/** Site pages may carry the same dates; they are optional so pages written before them still parse. */
export const pageFrontmatterSchema = z
  .strictObject({
    ...base,
    published: isoDate.optional(),
    reviewed: isoDate.optional(),
    updated: isoDate.optional(),
  })
  .superRefine(datesInOrder);

export type BlogFrontmatter = z.infer<typeof blogFrontmatterSchema>;
export type AuditFrontmatter = z.infer<typeof auditFrontmatterSchema>;
export type PageFrontmatter = z.infer<typeof pageFrontmatterSchema>;

export const collections = {
  blog: blogFrontmatterSchema,
  audits: auditFrontmatterSchema,
  pages: pageFrontmatterSchema,
} as const;
export type CollectionName = keyof typeof collections;
