// Where the signing route's time goes: the production server under `node --cpu-prof` while the (b) load
// of run.ts signs for a short while, then a summary of the profile by package and function.
//
//   npx tsx tests/bench/profile.ts              (20 s of signing after a 5 s warm-up)
//   PROFILE_SECONDS=30 PROFILE_PATH=/api/health npx tsx tests/bench/profile.ts
//
// The .cpuprofile (open it in Chrome DevTools > Performance, or speedscope) and the summary's JSON are
// written to test-results/bench/. Knobs: PROFILE_SECONDS (20), BENCH_CONNECTIONS (50), PROFILE_PATH
// (/api/pledge: signing; any other path: GET), PROFILE_TOP (30).
import fs from "node:fs";
import path from "node:path";
import { printSummary, summarise } from "@/tests/bench/cpuprofile-summary";
import {
  applyPriority,
  benchAuthorization,
  ensureBuild,
  root,
  runLoad,
  startNextServer,
  tempDir,
} from "@/tests/bench/harness";

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const ROUTE = process.env.PROFILE_PATH ?? "/api/pledge";
const OUT = path.join(root, "test-results/bench");

async function main() {
  applyPriority();
  ensureBuild();
  const dir = tempDir("cui-profile-");
  const profDir = path.join(dir, "prof");
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir);
  const app = await startNextServer({ dbFile: path.join(dir, "app.db"), dataDir, cpuProfDir: profDir });
  try {
    const load = (label: string, seconds: number, prefix: string) =>
      ROUTE === "/api/pledge"
        ? runLoad({
            label,
            kind: "sign",
            url: app.url,
            path: ROUTE,
            connections: CONNECTIONS,
            seconds,
            prefix,
            authorization: benchAuthorization,
            addressSeed: 5,
          })
        : runLoad({ label, kind: "get", url: app.url, path: ROUTE, connections: CONNECTIONS, seconds });
    await load("warm-up", 5, "warm");
    const result = await load(`profiled ${ROUTE}`, SECONDS, "prof");
    console.log(
      `profiled run (profiler on, so slower than the benchmark): ${result.okPerSecond} ok/s, p50 ${result.latencyMs.p50} ms, ` +
        `p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
  } finally {
    await app.stop(60_000); // SIGTERM: Next.js exits and V8 writes the profile (the warm-up is in it too)
  }
  const file = fs.readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written to ${profDir}`);
  fs.mkdirSync(OUT, { recursive: true });
  const kept = path.join(OUT, `signing-${ROUTE.replace(/\W+/g, "_")}.cpuprofile`);
  fs.copyFileSync(path.join(profDir, file), kept);
  const summary = summarise(kept, Number(process.env.PROFILE_TOP ?? 30));
  printSummary(summary);
  fs.writeFileSync(kept.replace(/\.cpuprofile$/, ".summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nprofile: ${path.relative(root, kept)} (+ .summary.json)`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
