import Database from "better-sqlite3";
const db = new Database("/tmp/exinv/s.db", { readonly: true });
console.log("sqlite", db.prepare("select sqlite_version() v").get());
const cols =
  "`main`.`Signature`.`id`, `main`.`Signature`.`name`, `main`.`Signature`.`email`, `main`.`Signature`.`nation`, `main`.`Signature`.`country`, `main`.`Signature`.`status`, `main`.`Signature`.`campaignEmails`, `main`.`Signature`.`consentVersion`, `main`.`Signature`.`consentAt`, `main`.`Signature`.`createdAt`, `main`.`Signature`.`confirmedAt`";
const variants: Record<string, string> = {
  prisma:
    "WHERE (`main`.`Signature`.`createdAt` < ? OR (`main`.`Signature`.`createdAt` = ? AND `main`.`Signature`.`id` < ?)) ORDER BY `main`.`Signature`.`createdAt` DESC, `main`.`Signature`.`id` DESC LIMIT ? OFFSET ?",
  "prisma + redundant createdAt <= ?":
    "WHERE `createdAt` <= ? AND (`main`.`Signature`.`createdAt` < ? OR (`main`.`Signature`.`createdAt` = ? AND `main`.`Signature`.`id` < ?)) ORDER BY `main`.`Signature`.`createdAt` DESC, `main`.`Signature`.`id` DESC LIMIT ? OFFSET ?",
};
const at = "2026-11-24T12:25:44.527+00:00",
  id = "2ace3612-af2e-4e5a-b3d6-cf94aec68d58";
const deep = "2026-09-15T12:25:44.527+00:00";
for (const [label, where] of Object.entries(variants)) {
  const sql = `SELECT ${cols} FROM \`main\`.\`Signature\` ${where}`;
  console.log(
    `\n${label}:`,
    db
      .prepare(`EXPLAIN QUERY PLAN ${sql}`)
      .all(...(label === "prisma" ? [at, at, id, 5000n, 0n] : [at, at, at, id, 5000n, 0n]))
      .map((r: any) => r.detail)
      .join(" / "),
  );
  for (const [where2, cursor] of [
    ["near newest", at],
    ["deep (oldest third)", deep],
  ]) {
    const st = db.prepare(sql);
    const t = performance.now();
    const rows = st
      .raw()
      .all(
        ...(label === "prisma" ? [cursor, cursor, id, 5000n, 0n] : [cursor, cursor, cursor, id, 5000n, 0n]),
      );
    console.log(`  ${where2}: ${rows.length} rows in ${(performance.now() - t).toFixed(1)} ms`);
  }
}
