import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ContentError } from "@/lib/content/content-error";
import { loadContentLibrary } from "@/lib/content/load";

const fixtures = path.resolve(__dirname, "../fixtures/content");
const validRoot = path.join(fixtures, "valid");

const scratchDirs: string[] = [];
afterEach(() => {
  for (const dir of scratchDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the valid fixture with one file replaced, so each case breaks exactly one rule. */
function withFile(relativePath: string, text: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-"));
  scratchDirs.push(root);
  fs.cpSync(validRoot, root, { recursive: true });
  fs.mkdirSync(path.dirname(path.join(root, relativePath)), { recursive: true });
  fs.writeFileSync(path.join(root, relativePath), text);
  return root;
}

/** A blog post breaking one rule; it carries a valid review date unless the case is about that date. */
const post = (frontmatter: string, body = "Body.") =>
  `---\ntitle: A test post\ndescription: A post written by a test to break one rule.\n${frontmatter}${
    frontmatter.includes("reviewed:") ? "" : "\nreviewed: 2026-11-30"
  }\n---\n\n${body}\n`;

describe("loading content", () => {
  it("reads every collection with validated frontmatter", () => {
    const library = loadContentLibrary(validRoot);
    expect(library.blog.map((p) => p.slug)).toEqual(["first-post", "older-post"]);
    expect(library.audits[0]?.frontmatter.nations).toEqual(["england", "wales"]);
    expect(library.pages[0]?.frontmatter.figures[0]).toEqual({
      value: "1,000",
      label: "people in a fixture",
      source: "fixture-source",
    });
  });

  it("keeps dates as the strings the author wrote", () => {
    const library = loadContentLibrary(validRoot);
    expect(library.blog[1]?.frontmatter.published).toBe("2025-07-10");
    expect(library.blog[1]?.frontmatter.reviewed).toBe("2026-11-25");
    expect(library.pages[0]?.frontmatter.sources[0]?.date).toBe("2025-09");
  });

  it("rejects the committed bad-frontmatter fixture, naming the file and the field", () => {
    expect(() => loadContentLibrary(path.join(fixtures, "bad-frontmatter"))).toThrowError(
      /^blog\/figure-without-source\.mdx: figures\.0\.source /,
    );
  });

  const badCases: { name: string; file: string; text: string; message: RegExp }[] = [
    {
      name: "a figure whose source is not listed",
      file: "blog/bad.mdx",
      text: post(
        "published: 2026-11-25\nfigures:\n  - value: '5'\n    label: five things\n    source: nowhere",
      ),
      message: /^blog\/bad\.mdx: figures\.0\.source names "nowhere", which is not in sources$/,
    },
    {
      name: "an impossible date",
      file: "blog/bad.mdx",
      text: post("published: 2026-02-31"),
      message: /^blog\/bad\.mdx: published is not a real calendar date$/,
    },
    {
      name: "a date in the wrong format",
      file: "blog/bad.mdx",
      text: post("published: 25/11/2026"),
      message: /^blog\/bad\.mdx: published must be a date written YYYY-MM-DD$/,
    },
    {
      name: "a post with no review date",
      file: "blog/bad.mdx",
      text: "---\ntitle: A test post\ndescription: A post that never says when its figures were checked.\npublished: 2026-11-25\n---\n\nBody.\n",
      message: /^blog\/bad\.mdx: reviewed /,
    },
    {
      name: "an audit summary with no review date",
      file: "audits/bad.mdx",
      text: "---\ntitle: An audit\ndescription: An audit summary that never says when it was checked.\npublished: 2025-09-12\norder: 1\nnations: [england]\n---\n\nBody.\n",
      message: /^audits\/bad\.mdx: reviewed /,
    },
    {
      name: "a review date before the page first went live",
      file: "blog/bad.mdx",
      text: post("published: 2026-11-25\nreviewed: 2026-11-24"),
      message: /^blog\/bad\.mdx: reviewed is before published \(2026-11-25\)$/,
    },
    {
      name: "a related link to content that does not exist",
      file: "blog/bad.mdx",
      text: post("published: 2026-11-25\nrelated: [audits/no-such-audit]"),
      message: /^blog\/bad\.mdx: related\.0 names "audits\/no-such-audit", which does not exist$/,
    },
    {
      name: "a chart or citation naming an undeclared source",
      file: "blog/bad.mdx",
      text: post("published: 2026-11-25", 'A number <Cite source="made-up" />.'),
      message: /^blog\/bad\.mdx: body cites source "made-up", which is not in sources$/,
    },
    {
      name: "a file name that is not a slug",
      file: "blog/Bad Name.mdx",
      text: post("published: 2026-11-25"),
      message: /^blog\/Bad Name\.mdx: slug must be kebab-case/,
    },
    {
      name: "a missing title",
      file: "pages/about.mdx",
      text: "---\ndescription: A page without a title should never reach the site.\n---\n\nBody.\n",
      message: /^pages\/about\.mdx: title /,
    },
    {
      name: "an unknown field (a typo would otherwise be ignored)",
      file: "blog/bad.mdx",
      text: post("published: 2026-11-25\npublshed: 2026-11-25"),
      message: /^blog\/bad\.mdx: frontmatter .*publshed/,
    },
    {
      name: "no frontmatter at all",
      file: "pages/empty.mdx",
      text: "Just a body.\n",
      message: /^pages\/empty\.mdx: frontmatter is missing/,
    },
    {
      name: "a source link that is not https",
      file: "blog/bad.mdx",
      text: post(
        "published: 2026-11-25\nsources:\n  - id: s\n    title: Title\n    publisher: Someone\n    date: 2025\n    url: http://example.org",
      ),
      message: /^blog\/bad\.mdx: sources\.0\.url /,
    },
  ];

  for (const badCase of badCases) {
    it(`refuses ${badCase.name}`, () => {
      const root = withFile(badCase.file, badCase.text);
      let thrown: unknown;
      try {
        loadContentLibrary(root);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ContentError);
      expect((thrown as Error).message).toMatch(badCase.message);
    });
  }
});
