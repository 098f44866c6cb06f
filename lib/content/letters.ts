import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { ContentError } from "@/lib/content/content-error";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { defaultContentRoot } from "@/lib/content/load";
import { bindOnce } from "@/lib/platform/bind-once";

// The letters supporters can send their representative, one file per nation in content/letters/, so the
// campaigns team can change the words without touching code. The body is the letter itself.

const letterFrontmatterSchema = z.strictObject({
  /** Where the reader lives, as a heading: "England". */
  nation: z.string().min(3),
  /** Who the letter goes to, as the reader would say it: "your MP". */
  recipient: z.string().min(3),
  /** The parliament's own page for finding that person by postcode. */
  finder: z.strictObject({ label: z.string().min(5), url: z.url({ protocol: /^https$/ }) }),
  /** Lower numbers come first on /get-involved. */
  order: z.number().int().min(0),
});

export type Letter = z.infer<typeof letterFrontmatterSchema> & { slug: string; file: string; body: string };

export function loadLetters(root: string = defaultContentRoot): Letter[] {
  const folder = path.join(root, "letters");
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".mdx"))
    .map((name) => {
      const file = `letters/${name}`;
      const { data, body } = splitFrontmatter(file, fs.readFileSync(path.join(folder, name), "utf8"));
      const parsed = letterFrontmatterSchema.safeParse(data);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new ContentError(file, issue.path.map(String).join(".") || "frontmatter", issue.message);
      }
      return { ...parsed.data, slug: name.replace(/\.mdx$/, ""), file, body };
    })
    .sort((a, b) => a.order - b.order);
}

export const listLetters: () => Letter[] = bindOnce(() => loadLetters());
