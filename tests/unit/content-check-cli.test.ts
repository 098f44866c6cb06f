import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The same command `npm run build` runs first: a bad file must stop the build with a readable message.
const projectRoot = path.resolve(__dirname, "../..");
function runCheck(contentRoot: string, today?: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "lib/content/check.ts", contentRoot], {
    cwd: projectRoot,
    encoding: "utf8",
    env: { ...process.env, CONTENT_CHECK_TODAY: today },
  });
}

describe("npm run content:check", () => {
  it("fails the build on bad frontmatter, naming the file and field", () => {
    const result = runCheck("tests/fixtures/content/bad-frontmatter");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("blog/figure-without-source.mdx: figures.0.source");
  });

  it("warns, without failing, about a page whose last review is more than six months old", () => {
    // The valid fixture's pages were reviewed on 25 November 2026; seven months later they are stale.
    const result = runCheck("tests/fixtures/content/valid", "2027-06-26");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Content OK/);
    expect(result.stderr).toContain(
      "WARNING: content/audits/an-audit.mdx was last reviewed on 25 November 2026, more than 6 months ago.",
    );
    expect(result.stderr).toContain("WARNING: content/blog/first-post.mdx");
  });

  it("stays quiet about pages reviewed within six months", () => {
    const result = runCheck("tests/fixtures/content/valid", "2027-05-25");
    expect(result.status).toBe(0);
    expect(result.stderr).not.toContain("WARNING");
  });

  it("passes the site's real content", () => {
    // Pinned to the day the content was last reviewed in full, so this test does not age with the calendar.
    const result = runCheck("content", "2026-12-01");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Content OK: \d+ blog, \d+ audits, \d+ pages/);
  });
});
