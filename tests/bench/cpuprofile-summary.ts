// Summarises a V8 .cpuprofile (from `node --cpu-prof`): where the time went, by function and by package.
//
//   npx tsx tests/bench/cpuprofile-summary.ts PROFILE.cpuprofile [--top=30] [--json]
//
// Self time: samples whose innermost frame is the function. Inclusive time: samples with the function (or
// a frame of the package/category) anywhere on the stack, counted once per sample.
// Categories come from the script URL: node_modules/<package>, node: internals, .next/ server bundles
// (chunk file names), lib/generated (Prisma client), project files, and V8's (garbage collector),
// (program) and (idle) pseudo-frames.
import fs from "node:fs";
import path from "node:path";

type CallFrame = { functionName: string; url: string; lineNumber: number; columnNumber: number };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

export type Row = { name: string; category: string; ms: number; share: number };
export type ProfileSummary = {
  file: string;
  totalMs: number;
  idleMs: number;
  busyMs: number;
  /** Every busy sample in exactly one bucket: the first rule (in BUCKETS order) its stack matches. */
  buckets: Row[];
  selfByFunction: Row[];
  selfByCategory: Row[];
  inclusiveByCategory: Row[];
  inclusiveByFunction: Row[];
};

/** A readable category for a frame: the npm package, node internals, the Next.js bundle, or ours. */
export function categoryOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(garbage collector)") return "(gc)";
    if (functionName === "(idle)") return "(idle)";
    if (functionName === "(program)") return "(program: V8/native, not JS)";
    if (functionName === "(root)") return "(root)";
    return "(native)";
  }
  if (url.startsWith("node:")) {
    const rest = url.slice(5).replace(/^internal\//, "");
    return `node:${rest.split("/")[0]}`;
  }
  const modules = url.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const parts = url.slice(modules + "/node_modules/".length).split("/");
    const name = parts[0]!.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0]!;
    // next's own server runtime is big; split it by area so request handling is visible.
    if (name === "next") {
      const area = /dist\/(compiled\/[^/]+|server\/[^/]+|[^/]+)/.exec(url)?.[1] ?? "";
      return `next (${area.replace(/\.js$/, "")})`;
    }
    return name;
  }
  const next = url.indexOf("/.next/");
  if (next >= 0) return `.next bundle (${path.basename(url).replace(/\?.*$/, "").slice(0, 60)})`;
  const generated = url.indexOf("/lib/generated/");
  if (generated >= 0) return "prisma generated client";
  return `project ${url.replace(/^file:\/\//, "").replace(process.cwd() + "/", "")}`;
}

/**
 * Coarse buckets for "where does a request's time go". A sample goes to the first bucket whose test
 * matches any frame on its stack, so the order matters: database work called from a route handler is
 * "database", not "Next.js". Function-name rules only bite on builds with readable names
 * (experimental.serverMinification: false); otherwise those samples fall through to the bundle's bucket.
 */
const BUCKETS: { name: string; test: (category: string, functionName: string) => boolean }[] = [
  { name: "garbage collection", test: (c) => c === "(gc)" },
  {
    name: "database: Prisma client, query compiler (wasm), adapter, better-sqlite3",
    test: (c) => c.startsWith("@prisma/") || c === "better-sqlite3" || c.startsWith("project wasm://"),
  },
  {
    name: "mail: nodemailer MIME build, .eml writes",
    test: (c, f) => c === "nodemailer" || /^(sendMail|createFileTransport|MimeNode|Mail\.)/.test(f),
  },
  { name: "validation (zod)", test: (c) => c.includes("zod") },
  { name: "crypto (HMAC, UUID)", test: (c) => c === "node:crypto" },
  {
    name: "Next.js, Node HTTP, web streams, async context",
    test: (c) =>
      c.startsWith("next") ||
      c.startsWith(".next bundle") ||
      /^node:(_http|net|stream|webstreams|async_hooks|events|timers|url|buffer|abort_controller)/.test(c),
  },
  { name: "module loading / start-up", test: (c) => c === "node:modules" },
];

function frameName(frame: CallFrame): string {
  const where = frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : "";
  return `${frame.functionName || "(anonymous)"}${where ? ` ${where}` : ""}`;
}

export function summarise(file: string, top = 30): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const self = new Map<string, { category: string; us: number }>();
  const selfCategory = new Map<string, number>();
  const bucketUs = new Map<string, number>();
  const inclusiveCategory = new Map<string, number>();
  const inclusiveFunction = new Map<string, { category: string; us: number }>();
  let totalUs = 0;
  let idleUs = 0;

  // Stacks repeat: cache each node's set of (category, function) keys up to the root.
  const stackKeys = new Map<number, { categories: Set<string>; functions: Set<string>; bucket: string }>();
  const keysOf = (id: number) => {
    let cached = stackKeys.get(id);
    if (cached) return cached;
    const categories = new Set<string>();
    const functions = new Set<string>();
    const frames: { category: string; functionName: string }[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      const category = categoryOf(frame);
      categories.add(category);
      functions.add(frameName(frame));
      frames.push({ category, functionName: frame.functionName });
    }
    const bucket =
      BUCKETS.find((rule) => frames.some((f) => rule.test(f.category, f.functionName)))?.name ?? "other";
    cached = { categories, functions, bucket };
    stackKeys.set(id, cached);
    return cached;
  };

  profile.samples.forEach((id, index) => {
    // timeDeltas[i] is the time before sample i; the time a sample stands for is the next delta.
    const us = Math.max(0, profile.timeDeltas[index + 1] ?? profile.timeDeltas[index] ?? 0);
    const frame = byId.get(id)!.callFrame;
    const category = categoryOf(frame);
    totalUs += us;
    if (category === "(idle)") {
      idleUs += us;
      return;
    }
    const name = frameName(frame);
    const entry = self.get(name) ?? { category, us: 0 };
    entry.us += us;
    self.set(name, entry);
    selfCategory.set(category, (selfCategory.get(category) ?? 0) + us);
    const keys = keysOf(id);
    bucketUs.set(keys.bucket, (bucketUs.get(keys.bucket) ?? 0) + us);
    for (const c of keys.categories) inclusiveCategory.set(c, (inclusiveCategory.get(c) ?? 0) + us);
    for (const f of keys.functions) {
      const e = inclusiveFunction.get(f) ?? { category: categoryOf(byId.get(id)!.callFrame), us: 0 };
      e.us += us;
      inclusiveFunction.set(f, e);
    }
  });

  const busyUs = totalUs - idleUs;
  const row = (name: string, category: string, us: number): Row => ({
    name,
    category,
    ms: Math.round(us / 1000),
    share: Number((us / Math.max(1, busyUs)).toFixed(3)),
  });
  const sorted = <T>(entries: [string, T][], us: (t: T) => number) =>
    entries.sort((a, b) => us(b[1]) - us(a[1]));

  return {
    file,
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    buckets: sorted([...bucketUs.entries()], (us) => us).map(([name, us]) => row(name, name, us)),
    selfByFunction: sorted([...self.entries()], (e) => e.us)
      .slice(0, top)
      .map(([name, e]) => row(name, e.category, e.us)),
    selfByCategory: sorted([...selfCategory.entries()], (us) => us)
      .slice(0, top)
      .map(([name, us]) => row(name, name, us)),
    inclusiveByCategory: sorted([...inclusiveCategory.entries()], (us) => us)
      .filter(([name]) => name !== "(root)")
      .slice(0, top)
      .map(([name, us]) => row(name, name, us)),
    inclusiveByFunction: sorted([...inclusiveFunction.entries()], (e) => e.us)
      .filter(([name]) => name !== "(root)")
      .slice(0, top * 2)
      .map(([name, e]) => row(name, "", e.us)),
  };
}

export function printSummary(summary: ProfileSummary): void {
  const pct = (share: number) => `${(share * 100).toFixed(1).padStart(5)}%`;
  console.log(
    `${summary.file}\n  ${summary.totalMs} ms profiled, ${summary.busyMs} ms busy (on the main thread), ${summary.idleMs} ms idle\n`,
  );
  console.log("Where the busy time goes (each sample once, first matching bucket on its stack):");
  for (const r of summary.buckets) console.log(`  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}`);
  console.log("\nSelf time by category (share of busy time):");
  for (const r of summary.selfByCategory)
    console.log(`  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}`);
  console.log("\nInclusive time by category (on the stack):");
  for (const r of summary.inclusiveByCategory)
    console.log(`  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}`);
  console.log("\nTop self-time functions:");
  for (const r of summary.selfByFunction)
    console.log(`  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}  [${r.category}]`);
  console.log("\nTop inclusive functions:");
  for (const r of summary.inclusiveByFunction)
    console.log(`  ${pct(r.share)} ${String(r.ms).padStart(7)} ms  ${r.name}`);
}

if (process.argv[1] && path.resolve(process.argv[1]).endsWith("cpuprofile-summary.ts")) {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file) {
    console.error("usage: npx tsx tests/bench/cpuprofile-summary.ts PROFILE.cpuprofile [--top=30] [--json]");
    process.exit(2);
  }
  const top = Number(args.find((a) => a.startsWith("--top="))?.slice(6) ?? 30);
  const summary = summarise(file, top);
  if (args.includes("--json")) console.log(JSON.stringify(summary, null, 2));
  else printSummary(summary);
}
