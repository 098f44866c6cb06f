// The hardware's ceiling for signing: a bare node:http server doing what POST /api/pledge does at its
// core, and nothing else. The project's own zod schema validates the body, the same derived columns are
// computed (emailKey, keyed client hash), and one better-sqlite3 INSERT per request writes a row into a
// Signature table created by the project's own SQLite migrations (so the table, its unique index and its
// other indexes are exactly the app's). WAL with synchronous=NORMAL, the app's own settings.
//
// No framework, no ORM, no batching, no outbox, no email: the gap between this and the real route is
// what Next.js, Prisma and the app's extra work cost.
//
//   BARE_DB=/tmp/x.db PORT=0 node --import tsx tests/bench/bare-server.ts
//   (prints one line `{"listening":PORT}` on stdout when ready)
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { emailKey } from "@/lib/validation/email-key";
import { keyedHash } from "@/lib/security/hashing";
import { signPledgeSchema } from "@/lib/validation/pledge";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const MAX_BODY_BYTES = 16 * 1024;

const file = process.env.BARE_DB;
if (!file) throw new Error("Set BARE_DB to the SQLite file to create");

const db = new Database(file);
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.pragma("busy_timeout = 5000");
const migrations = path.join(root, "prisma/sqlite/migrations");
for (const folder of fs.readdirSync(migrations).sort()) {
  const sql = path.join(migrations, folder, "migration.sql");
  if (fs.existsSync(sql)) db.exec(fs.readFileSync(sql, "utf8"));
}

const insert = db.prepare(
  `INSERT INTO "Signature" ("id","name","email","emailKey","nation","country","status","campaignEmails","consentVersion","consentAt","clientHash","createdAt")
   VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, 'bench', ?, ?, ?)
   ON CONFLICT ("emailKey") DO NOTHING`,
);
const secret = crypto.randomBytes(32);

const accepted = JSON.stringify({
  status: "check-email",
  message: "Check your email: we have sent you a link to confirm your signature.",
});

function reply(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(body);
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method === "GET" && req.url === "/health") return reply(res, 200, '{"status":"ok"}');
  if (req.method !== "POST" || req.url !== "/pledge") return reply(res, 404, '{"message":"Not found"}');

  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  });
  req.on("end", () => {
    if (size > MAX_BODY_BYTES) return reply(res, 413, '{"message":"Too large"}');
    let data: unknown;
    try {
      data = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    } catch {
      return reply(res, 400, '{"message":"The request body is not valid JSON."}');
    }
    const parsed = signPledgeSchema.safeParse(data);
    if (!parsed.success) return reply(res, 422, '{"message":"Please correct the fields listed."}');
    const input = parsed.data;
    const hops = String(req.headers["x-forwarded-for"] ?? req.socket.remoteAddress ?? "").split(",");
    const at = new Date().toISOString();
    insert.run(
      crypto.randomUUID(),
      input.name,
      input.email,
      emailKey(input.email),
      input.nation,
      input.country,
      input.campaignEmails ? 1 : 0,
      at,
      keyedHash(secret, "client-address", hops.at(-1)!.trim()),
      at,
    );
    reply(res, 202, accepted);
  });
}

const server = http.createServer(handle);
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(JSON.stringify({ listening: typeof address === "object" && address ? address.port : 0 }));
});

for (const signal of ["SIGTERM", "SIGINT"] as const)
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });
