// Runs Lighthouse CI (`lhci collect`, then `lhci assert`) over the given pages of a running server, one run
// per page, with the settings and assertions in lighthouserc.cjs, and reads back what each run scored.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import lighthouseConfig from "@/tests/lighthouse/lighthouserc.cjs";
import type { PageType } from "@/tests/lighthouse/page-types";

const run = promisify(execFile);
// __dirname, not import.meta: Playwright loads this file as CommonJS (it imports lighthouserc.cjs).
const lhci = path.resolve(__dirname, "../../node_modules/.bin/lhci");
const configPath = path.join(__dirname, "lighthouserc.cjs");

export type PageScores = PageType & {
  url: string;
  performance: number | null;
  accessibility: number | null;
  bestPractices: number | null;
  seo: number | null;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  speedIndexMs: number;
  scriptBytes: number;
  scriptRequests: number;
  /** Audits that cost accessibility, best practices or SEO points, with what they found. */
  failingAudits: string[];
  runtimeError?: string;
};

export type LighthouseCiResult = { pages: PageScores[]; assertionsPassed: boolean; assertOutput: string };

type Audit = {
  title: string;
  score: number | null;
  numericValue?: number;
  details?: { items?: Record<string, unknown>[] };
};
type Lhr = {
  finalDisplayedUrl: string;
  requestedUrl: string;
  runtimeError?: { message: string };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<string, Audit>;
};

const assertedCategories = ["accessibility", "best-practices", "seo"];

function failingAudits(lhr: Lhr): string[] {
  return assertedCategories.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score !== 1)
      .map((ref) => {
        const audit = lhr.audits[ref.id]!;
        const found = (audit.details?.items ?? [])
          .slice(0, 3)
          .map((item) => JSON.stringify(item).slice(0, 300));
        return `${category} / ${ref.id} (${audit.title}): ${found.join("; ")}`;
      }),
  );
}

function scoresOf(lhr: Lhr, page: PageType): PageScores {
  const scripts = lhr.audits["resource-summary"]?.details?.items?.find(
    (item) => item.resourceType === "script",
  );
  const ms = (id: string) => Math.round(lhr.audits[id]?.numericValue ?? Number.NaN);
  return {
    ...page,
    url: lhr.requestedUrl,
    performance: lhr.categories.performance?.score ?? null,
    accessibility: lhr.categories.accessibility?.score ?? null,
    bestPractices: lhr.categories["best-practices"]?.score ?? null,
    seo: lhr.categories.seo?.score ?? null,
    firstContentfulPaintMs: ms("first-contentful-paint"),
    largestContentfulPaintMs: ms("largest-contentful-paint"),
    totalBlockingTimeMs: ms("total-blocking-time"),
    speedIndexMs: ms("speed-index"),
    scriptBytes: Number(scripts?.transferSize ?? 0),
    scriptRequests: Number(scripts?.requestCount ?? 0),
    failingAudits: failingAudits(lhr),
    runtimeError: lhr.runtimeError?.message,
  };
}

/** Of several runs of one page, the one with the median performance score (Lighthouse's advice for noise). */
function medianRun(runs: Lhr[]): Lhr {
  const sorted = [...runs].sort(
    (a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0),
  );
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * `runs` Lighthouse runs per page (one in the e2e check), then the assertions over every run. A failed
 * assertion is reported in the result, not thrown, so the caller can show the scores beside it.
 */
export async function runLighthouseCi(
  baseURL: string,
  pages: PageType[],
  runs = 1,
): Promise<LighthouseCiResult> {
  // LHCI keeps its results in ./.lighthouseci: a directory of this run's own, never the repository.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "count-us-in-lhci-"));
  try {
    const urls = pages.map((page) => new URL(page.path, baseURL).href);
    const collect = ["collect", `--config=${configPath}`, `--numberOfRuns=${runs}`];
    await run(lhci, [...collect, ...urls.map((url) => `--url=${url}`)], {
      cwd: workDir,
      // LHCI checks `chromePath` but starts Lighthouse with only the environment to find the browser.
      env: { ...process.env, CHROME_PATH: lighthouseConfig.ci.collect.chromePath },
      maxBuffer: 16 * 1024 * 1024,
    });
    const asserted = await run(lhci, ["assert", `--config=${configPath}`], { cwd: workDir }).then(
      ({ stdout, stderr }) => ({ passed: true, output: `${stdout}${stderr}` }),
      (error: { stdout?: string; stderr?: string }) => ({
        passed: false,
        output: `${error.stdout ?? ""}${error.stderr ?? ""}`,
      }),
    );
    const resultsDir = path.join(workDir, ".lighthouseci");
    const lhrs = fs
      .readdirSync(resultsDir)
      .filter((file) => /^lhr-.*\.json$/.test(file))
      .map((file) => JSON.parse(fs.readFileSync(path.join(resultsDir, file), "utf8")) as Lhr);
    const scores = pages.map((page, index) => {
      const ofPage = lhrs.filter((candidate) => candidate.requestedUrl === urls[index]);
      if (ofPage.length === 0) throw new Error(`Lighthouse CI left no result for ${urls[index]}`);
      return scoresOf(medianRun(ofPage), page);
    });
    return { pages: scores, assertionsPassed: asserted.passed, assertOutput: asserted.output };
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

const score = (value: number | null) => (value === null ? "–" : String(Math.round(value * 100)));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** A Markdown table of the scores, as BENCHMARKS.md shows them. */
export function scoreTable(pages: PageScores[]): string {
  const header = ["Page", "Path", "Perf", "A11y", "BP", "SEO", "FCP", "LCP", "TBT", "SI", "JS (transferred)"];
  const rows = pages.map((page) => [
    page.label,
    `\`${page.path}\``,
    score(page.performance),
    score(page.accessibility),
    score(page.bestPractices),
    score(page.seo),
    `${page.firstContentfulPaintMs} ms`,
    `${page.largestContentfulPaintMs} ms`,
    `${page.totalBlockingTimeMs} ms`,
    `${page.speedIndexMs} ms`,
    `${kb(page.scriptBytes)} (${page.scriptRequests} files)`,
  ]);
  return [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
}
