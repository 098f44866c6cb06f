import fs from "node:fs";
import path from "node:path";
import { ContentError } from "@/lib/content/content-error";
import { splitFrontmatter } from "@/lib/content/frontmatter";
import { collections, slugPattern, type CollectionName } from "@/lib/content/schema";
import type { z } from "zod";

export type Frontmatter<C extends CollectionName> = z.infer<(typeof collections)[C]>;

export type Entry<C extends CollectionName> = {
  collection: C;
  slug: string;
  /** Path relative to the content root, for error messages. */
  file: string;
  frontmatter: Frontmatter<C>;
  body: string;
};

export type ContentLibrary = { [C in CollectionName]: Entry<C>[] };

export const defaultContentRoot = path.join(process.cwd(), "content");

/** `source="id"` attributes on MDX components (Cite, BarChart, …) must point at a declared source. */
const sourceReference = /\bsource="([^"]*)"/g;

function describeIssuePath(issuePath: PropertyKey[]): string {
  return issuePath.length ? issuePath.map(String).join(".") : "frontmatter";
}

function readEntry<C extends CollectionName>(root: string, collection: C, fileName: string): Entry<C> {
  const file = `${collection}/${fileName}`;
  const slug = fileName.replace(/\.mdx$/, "");
  if (!slugPattern.test(slug)) throw new ContentError(file, "slug", "must be kebab-case: lower-case letters, digits and hyphens");

  const { data, body } = splitFrontmatter(file, fs.readFileSync(path.join(root, collection, fileName), "utf8"));
  const parsed = collections[collection].safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ContentError(file, describeIssuePath(issue.path), issue.message);
  }
  const frontmatter = parsed.data as Frontmatter<C>;

  const declared = new Set(frontmatter.sources.map((source) => source.id));
  if (declared.size !== frontmatter.sources.length) throw new ContentError(file, "sources", "has two sources with the same id");
  frontmatter.figures.forEach((figure, index) => {
    if (!declared.has(figure.source)) {
      throw new ContentError(file, `figures.${index}.source`, `names "${figure.source}", which is not in sources`);
    }
  });
  for (const [, id] of body.matchAll(sourceReference)) {
    if (!declared.has(id!)) throw new ContentError(file, "body", `cites source "${id}", which is not in sources`);
  }
  return { collection, slug, file, frontmatter, body };
}

function readCollection<C extends CollectionName>(root: string, collection: C): Entry<C>[] {
  const folder = path.join(root, collection);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .filter((name) => name.endsWith(".mdx"))
    .sort()
    .map((name) => readEntry(root, collection, name));
}

function checkRelatedLinks(library: ContentLibrary): void {
  const known = new Set(Object.values(library).flatMap((entries) => entries.map((e) => `${e.collection}/${e.slug}`)));
  for (const entries of Object.values(library)) {
    for (const entry of entries) {
      entry.frontmatter.related.forEach((slug, index) => {
        if (!known.has(slug)) throw new ContentError(entry.file, `related.${index}`, `names "${slug}", which does not exist`);
      });
    }
  }
}

/** Reads and validates every content file. Throws a ContentError on the first problem. */
export function loadContentLibrary(root: string = defaultContentRoot): ContentLibrary {
  const library: ContentLibrary = {
    blog: readCollection(root, "blog"),
    audits: readCollection(root, "audits"),
    pages: readCollection(root, "pages"),
  };
  checkRelatedLinks(library);
  return library;
}
