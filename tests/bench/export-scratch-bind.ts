import Database from "better-sqlite3";
const db = new Database("/tmp/exinv/s.db", { readonly: true });
const sql = `SELECT id, name, email, nation, country, status, campaignEmails, consentVersion, consentAt, createdAt, confirmedAt FROM main.Signature WHERE (createdAt < ? OR (createdAt = ? AND id < ?)) ORDER BY createdAt DESC, id DESC LIMIT ? OFFSET ?`;
const st = db.prepare(sql);
const at = "2026-11-24T12:25:44.527+00:00";
for (const [label, params] of [
  ["text limit", [at, at, "2ace3612-af2e-4e5a-b3d6-cf94aec68d58", "5000", "0"]],
  ["int limit", [at, at, "2ace3612-af2e-4e5a-b3d6-cf94aec68d58", 5000, 0]],
  ["Z text limit", ["2026-11-24T12:25:44.527Z", "2026-11-24T12:25:44.527Z", "2ace", "5000", "0"]],
] as const) {
  const t = performance.now();
  const rows = st.all(...params);
  console.log(label, rows.length, (performance.now() - t).toFixed(1), "ms");
}
