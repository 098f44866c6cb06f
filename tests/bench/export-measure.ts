// One measured export, alone in its own process, started by tests/bench/export-signatures.ts:
//
//   node --conditions=react-server --import tsx tests/bench/export-measure.ts <mode> <output file>
//
// with DATABASE_URL (the seeded SQLite file), DATA_DIR and SITE_URL set. Prints one JSON line.
//
// Modes:
//   lib      what GET /api/admin/export/signatures does once the staff check has passed: the filters parsed
//            from an empty query string (every status), adminExports().signatures(filters, actor), wrapped
//            by csvResponse; the Response body read to the end.
//   session  no export: adds a staff member, spends a one-time sign-in link through better-auth and
//            prints the session cookie (for the HTTP measurement against `next start`).
//
// Its own figures: wall time from the call to the last byte, bytes, newlines, CPU time, peak RSS
// (the kernel's high-water mark VmHWM, reset just before the export starts) and a 50 ms sample of
// rss / heapUsed / external+arrayBuffers, and the rows the export recorded in its audit event.
import fs from "node:fs";
import { db } from "@/lib/platform/db";
import { parseFilters } from "@/lib/validation/admin/query";
import { signatureFiltersSchema } from "@/lib/validation/admin/list-filters";

const MB = 1024 * 1024;
const mode = process.argv[2] ?? "lib";
const output = process.argv[3] ?? "/dev/null";

function procStatusMb(field: string): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(fs.readFileSync("/proc/self/status", "utf8"));
  return match ? Number(match[1]) / 1024 : null;
}

/** Resets VmHWM to the current RSS (Linux, /proc/self/clear_refs "5"); false where that is not allowed. */
function resetPeakRss(): boolean {
  try {
    fs.writeFileSync("/proc/self/clear_refs", "5");
    return true;
  } catch {
    return false;
  }
}

type Peaks = { rss: number; heapUsed: number; external: number; samples: number };

function sampleMemory(intervalMs = 50) {
  const peaks: Peaks = { rss: 0, heapUsed: 0, external: 0, samples: 0 };
  const take = () => {
    const m = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, m.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, m.heapUsed);
    peaks.external = Math.max(peaks.external, m.external + m.arrayBuffers);
    peaks.samples += 1;
  };
  take();
  const timer = setInterval(take, intervalMs);
  return () => {
    clearInterval(timer);
    take();
    return peaks;
  };
}

/**
 * Module loading done up front; returns the call to time. (The route handler itself cannot be imported
 * outside Next.js: lib/admin/access/session.ts imports next/navigation, which needs Next's own React build. The
 * whole route is measured over HTTP instead, against `next start`.)
 */
async function prepare(actor: string): Promise<() => Promise<Response>> {
  // The factories, bound here as lib/admin/records/index.ts binds them for the app (that file also checks
  // the staff member's permission, which needs Next's request context).
  const { createExports, csvResponse } = await import("@/lib/admin/export/exports");
  const { createDriverPages } = await import("@/lib/admin/export/driver-pages");
  const exports = createExports(db, {
    pages: createDriverPages(process.env.DATABASE_URL!),
    volunteerKeys: () => {
      throw new Error("this benchmark exports signatures only");
    },
  });
  return async () => {
    const parsed = parseFilters(signatureFiltersSchema, new URLSearchParams());
    if (!parsed.ok) throw new Error("the empty query string did not parse");
    return csvResponse(exports.signatures(parsed.filters, actor));
  };
}

async function main() {
  if (mode === "session") {
    // Imported only here: better-auth is not part of the export, and would add to this process's memory.
    const { staffCookie } = await import("@/tests/bench/export-session");
    console.log(JSON.stringify({ cookie: await staffCookie(db, "bench-http@example.org") }));
    return;
  }
  if (mode !== "lib") throw new Error(`unknown mode ${mode} (lib or session)`);
  const actor = "bench-lib@example.org";
  // What a running server has already done: loaded the modules, connected, compiled a query.
  const exportCsv = await prepare(actor);
  await db.signature.findFirst({ select: { id: true } });
  const before = process.memoryUsage();
  const cpuBefore = process.cpuUsage();

  // The kernel's high-water mark, reset to the current RSS: what follows is the export's own peak.
  // (process.resourceUsage().maxRSS cannot say that: Linux carries it over from the parent at spawn, so
  // it reported the bench process's ~520 MB after seeding a million rows, whatever the export used.)
  const peakReset = resetPeakRss();
  const stopSampling = sampleMemory();
  const fd = fs.openSync(output, "w");
  const started = performance.now();
  let firstByteMs: number | undefined;
  let bytes = 0;
  let newlines = 0;
  let chunks = 0;
  let unyielded = 0;
  let yields = 0;
  const response = await exportCsv();
  if (response.status !== 200)
    throw new Error(`export answered ${response.status}: ${await response.text()}`);
  const reader = response.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    firstByteMs ??= performance.now() - started;
    chunks += 1;
    bytes += value.byteLength;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) newlines += 1;
    fs.writeSync(fd, value);
    // A socket makes the sender wait once its buffer is full; this file does not. Without a turn of the
    // event loop now and then, the export runs start to finish in microtasks (better-sqlite3 is
    // synchronous) and the 50 ms memory sampler never runs. One turn per 64 KiB, as a socket would.
    unyielded += value.byteLength;
    if (unyielded >= 65_536) {
      unyielded = 0;
      yields += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  fs.closeSync(fd);
  const cpu = process.cpuUsage(cpuBefore);
  const peaks = stopSampling();

  const audit = await db.auditEvent.findFirst({
    where: { action: "export-signatures", actor },
    orderBy: { at: "desc" },
    select: { detail: true },
  });
  const detail = audit?.detail ? (JSON.parse(audit.detail) as { rows?: number; complete?: boolean }) : {};
  const usage = process.resourceUsage();
  const exportPeakMb = peakReset ? procStatusMb("VmHWM") : null;
  console.log(
    JSON.stringify({
      mode,
      seconds: Number(seconds.toFixed(3)),
      firstByteMs: Number((firstByteMs ?? 0).toFixed(1)),
      bytes,
      newlines,
      chunks,
      auditRows: detail.rows ?? null,
      auditComplete: detail.complete ?? null,
      cpuUserSeconds: Number((cpu.user / 1e6).toFixed(2)),
      cpuSystemSeconds: Number((cpu.system / 1e6).toFixed(2)),
      maxRssMb: Number((exportPeakMb ?? usage.maxRSS / 1024).toFixed(1)),
      peakFrom:
        exportPeakMb === null ? "maxRSS (includes the parent's memory at spawn)" : "VmHWM, reset at start",
      lifetimeMaxRssMb: Number((usage.maxRSS / 1024).toFixed(1)),
      rssBeforeMb: Number((before.rss / MB).toFixed(1)),
      heapUsedBeforeMb: Number((before.heapUsed / MB).toFixed(1)),
      sampledPeakRssMb: Number((peaks.rss / MB).toFixed(1)),
      sampledPeakHeapUsedMb: Number((peaks.heapUsed / MB).toFixed(1)),
      sampledPeakExternalMb: Number((peaks.external / MB).toFixed(1)),
      samples: peaks.samples,
      yields,
    }),
  );
}

main()
  .then(() => db.$disconnect())
  .then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
