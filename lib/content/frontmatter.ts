import { parse } from "yaml";
import { ContentError } from "@/lib/content/content-error";

const fence = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/;

/**
 * Splits a file into YAML frontmatter and MDX body. YAML 1.2's core schema keeps `2026-11-25` a string,
 * so dates are checked by our schema rather than silently turned into Date objects.
 */
export function splitFrontmatter(file: string, text: string): { data: unknown; body: string } {
  const match = fence.exec(text);
  if (!match) throw new ContentError(file, "frontmatter", "is missing: start the file with a --- fenced YAML block");
  try {
    return { data: parse(match[1] ?? "") ?? {}, body: text.slice(match[0].length) };
  } catch (error) {
    throw new ContentError(file, "frontmatter", `is not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
}
