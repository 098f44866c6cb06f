// Lighthouse mobile scores per public page type on the production build (issue #11): a benchmark, not a
// test. Accessibility, best practices and SEO are asserted by tests/e2e/lighthouse-scores.spec.ts; this
// records performance, which on shared cores moves with the load, as the median of several runs.
//
//   npx tsx tests/bench/lighthouse.ts                     # 3 runs per page (LIGHTHOUSE_RUNS to change)
//   BENCH_BUILD=never npx tsx tests/bench/lighthouse.ts   # measure the build already in .next
import os from "node:os";
import path from "node:path";
import {
  ensureBuild,
  machineBusyCpuSeconds,
  startNextServer,
  tempDir,
  waitForQuiet,
} from "@/tests/bench/harness";
import { publicPageTypes } from "@/tests/lighthouse/page-types";
import { runLighthouseCi, scoreTable } from "@/tests/lighthouse/run-lighthouse-ci";

async function main() {
  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
  ensureBuild();
  const dir = tempDir("lighthouse");
  const server = await startNextServer({ dbFile: path.join(dir, "bench.db"), dataDir: dir });
  try {
    const pages = await publicPageTypes(server.url);
    // Lighthouse's simulated throttling multiplies the CPU time it observes: other work inflates it.
    const busyAtStart = await waitForQuiet(0.15, 60_000);
    const busyBefore = machineBusyCpuSeconds();
    const started = Date.now();
    const result = await runLighthouseCi(server.url, pages, runs);
    const seconds = (Date.now() - started) / 1000;
    const busyShare = (machineBusyCpuSeconds() - busyBefore) / seconds / os.availableParallelism();
    console.log(`\nLighthouse ${runs}× per page, median run by performance (mobile, simulated throttling)`);
    console.log(
      `${new Date().toISOString()}; machine ${Math.round(busyAtStart * 100)}% busy at the start, ` +
        `${Math.round(busyShare * 100)}% over the ${seconds.toFixed(0)} s of the runs (Lighthouse included)\n`,
    );
    console.log(scoreTable(result.pages));
    for (const page of result.pages)
      for (const failing of page.failingAudits) console.log(`${page.label} (${page.path}): ${failing}`);
    console.log(result.assertionsPassed ? "\nlhci assert: passed" : `\nlhci assert:\n${result.assertOutput}`);
  } finally {
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
