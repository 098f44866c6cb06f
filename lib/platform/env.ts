import { z } from "zod";
import { PLEDGE_FREE_ALLOWANCE, VOLUNTEER_SIGN_UPS_PER_ADDRESS } from "@/lib/security/limits";

// Every setting the app reads, parsed once. Defaults are the embedded mode: nothing to install,
// nothing to configure, a SQLite file under data/, emails written to files under data/outbox/.
const flag = (byDefault: boolean) =>
  z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((value) => (value === undefined ? byDefault : value === "true" || value === "1"));

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, "must start with file: (SQLite) or postgres:// (PostgreSQL)")
    .default("file:./data/count-us-in.db"),
  SITE_URL: z.url().default("http://localhost:3000"),
  /** Local files the embedded mode writes: generated keys, the readable mail outbox. */
  DATA_DIR: z.string().min(1).default("data"),
  /**
   * base64url, 32+ bytes, or a ring "id:key,id:key" while rotating (lib/security/secret-ring.ts checks
   * each key). Generated into DATA_DIR on the embedded default; required with PostgreSQL.
   */
  APP_SECRET: z
    .string()
    .min(43, "must be at least 32 random bytes, base64url-encoded (43+ characters)")
    .optional(),
  /** Which key of an APP_SECRET ring signs and hashes from now on (default: the first). */
  APP_SECRET_ID: z.string().min(1).max(32).optional(),
  /** smtp(s)://user:pass@host:port. Unset: mail is written as .eml files to DATA_DIR/outbox. */
  SMTP_URL: z.url().optional(),
  MAIL_FROM: z.string().min(3).default("Count Us In <no-reply@localhost>"),
  /** Run the outbox worker inside this app process (turn off where a separate worker runs). */
  MAIL_WORKER: flag(true),
  /** Answer POST /api/pledge on the production server's own fast path (lib/platform/ingest-slot.mjs). */
  SIGNING_FAST_PATH: flag(true),
  /** Where "a new volunteer is waiting" notifications go (no personal details in them). */
  CAMPAIGNS_TEAM_EMAIL: z
    .string()
    .regex(/^[^@\s]+@[^@\s]+$/, "must be an email address")
    .default("campaigns@localhost"),
  /** Volunteer data keys: "id:base64url32bytes,older:…". Generated into DATA_DIR on SQLite; required with PostgreSQL. */
  VOLUNTEER_KEYS: z.string().min(45).optional(),
  /** Which of VOLUNTEER_KEYS seals new data (default: the first). */
  VOLUNTEER_KEY_ID: z.string().min(1).max(32).optional(),
  /** Retention (days) beyond the fixed 30 for unconfirmed sign-ups; shown on the privacy page. */
  SENT_EMAIL_RETENTION_DAYS: z.coerce.number().int().positive().default(30),
  AUDIT_LOG_RETENTION_DAYS: z.coerce.number().int().positive().default(730),
  /** Unset: confirmed signatures are kept until the campaign ends. */
  SIGNATURE_RETENTION_DAYS: z.coerce.number().int().positive().optional(),
  /**
   * Sign-ups per client address per hour accepted without a solved challenge, until staff change it at
   * /admin/signing. Beyond it, browsers solve a challenge unseen and get through; others are held.
   */
  SIGNUPS_FREE_PER_ADDRESS_PER_HOUR: z.coerce.number().int().positive().default(PLEDGE_FREE_ALLOWANCE.limit),
  /** Volunteer sign-ups per client address per minute (lib/volunteers/service.ts). */
  SIGNUPS_PER_IP_PER_MINUTE: z.coerce.number().int().positive().default(VOLUNTEER_SIGN_UPS_PER_ADDRESS.limit),
  /** Proxies in front of the app whose X-Forwarded-For entries count; 0: the connection's own address. */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  /** How much the server logs (JSON lines on stdout, lib/platform/log.ts). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /**
   * Partners' and apps' keys for POST /api/pledge: "partner-id:secret,…", each secret 43+ URL-safe
   * characters: 32 random bytes, base64url, like every other secret (lib/security/secret-ring.ts).
   */
  PLEDGE_API_KEYS: z
    .string()
    .regex(/^[a-z0-9-]{1,40}:[A-Za-z0-9_-]{43,}(,[a-z0-9-]{1,40}:[A-Za-z0-9_-]{43,})*$/, {
      message:
        'must be "partner-id:secret,…" with secrets of 43+ URL-safe characters (32 random bytes, base64url)',
    })
    .optional(),
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment settings:\n  ${problems.join("\n  ")}`);
  }
  return parsed.data;
}

export const env = readEnv();

/** The embedded default: a SQLite file, one process. PostgreSQL means production, possibly many instances. */
export function isEmbeddedDatabase(): boolean {
  return env.DATABASE_URL.startsWith("file:");
}
