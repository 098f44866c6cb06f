import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The same command `npm run build` runs first: a bad file must stop the build with a readable message.
const projectRoot = path.resolve(__dirname, "../..");
function runCheck(contentRoot: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "lib/content/check.ts", contentRoot], {
    cwd: projectRoot,
    encoding: "utf8",
  });
}

describe("npm run content:check", () => {
  it("fails the build on bad frontmatter, naming the file and field", () => {
    const result = runCheck("tests/fixtures/content/bad-frontmatter");
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("blog/figure-without-source.mdx: figures.0.source");
  });

  it("passes the site's real content", () => {
    const result = runCheck("content");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Content OK: \d+ blog, \d+ audits, \d+ pages/);
  });
});
