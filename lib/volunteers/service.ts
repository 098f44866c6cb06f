import "server-only";
import crypto from "node:crypto";
import type { KeyRing } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmail, enqueueEmails, forgetEmailsTo, notifyOutbox } from "@/lib/mail/outbox";
import { nextRepeatCounters, unchangedCounters } from "@/lib/pledge/repeat-cap";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";
import { looksAutomated } from "@/lib/security/form-token";
import { keyedHash } from "@/lib/security/hashing";
import { verifyLinkToken } from "@/lib/security/link-tokens";
import { appLimiters } from "@/lib/security/limiter-app";
import type { LimiterStore } from "@/lib/security/limiter-store";
import { VOLUNTEER_SIGN_UPS_PER_ADDRESS } from "@/lib/security/limits";
import type { VolunteerInput } from "@/lib/validation/volunteer";
import { volunteerConsent } from "@/lib/volunteers/consent";
import { volunteerEmailLookup, volunteerEmailLookups } from "@/lib/volunteers/keys";
import { sealPersonal } from "@/lib/volunteers/sealed-fields";

// Emails are queued as (template, volunteer id, issue date): no name or address leaves the sealed record.
// The outbox worker opens them at send time (lib/mail/templates/volunteer.ts), with the same links.

export type VolunteerServiceOptions = {
  /** APP_SECRET's current key: signs links and form tokens, keys new rows' email lookups. */
  secret: Buffer;
  /**
   * Every key in APP_SECRET's ring, the current first (default: just `secret`). A volunteer stored under
   * an older key is still the same person: found, recognised on signing up again, and erased.
   */
  secrets?: readonly Buffer[];
  ring: KeyRing;
  perAddressPerMinute: number;
  /** Where the per-address counts live: the app's store by default (shared on PostgreSQL). */
  limiters?: LimiterStore;
};

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === "P2002";

/** The volunteer domain bound to a database and its keys. The app binds it once (index.ts); tests make their own. */
export function createVolunteerService(db: DbClient, options: VolunteerServiceOptions) {
  const { secret, ring } = options;
  // Links and form tokens are accepted under any key of the ring; lookups are searched under all of them.
  const verifyingKeys = options.secrets ?? [secret];
  const olderSecrets = verifyingKeys.filter((key) => !key.equals(secret));
  const perAddress = (options.limiters ?? appLimiters()).create("volunteer-sign-up", {
    limit: options.perAddressPerMinute,
    windowMs: VOLUNTEER_SIGN_UPS_PER_ADDRESS.windowMs,
  });

  /**
   * Stores a volunteer's offer, sealed, with a confirmation email in the same transaction. Nothing is stored
   * for a filled honeypot (a bot has no business leaving health data with us), and the caller sees the same
   * outcome whether the address is new or known: a known address is answered by email only. A browser
   * that solved the challenge (lib/security/challenge.ts) is never taken for a bot, however fast its
   * password manager filled the form or however busy its network: only a submission without it (no
   * JavaScript) is judged by the form's timing and the per-address limit.
   */
  async function register(
    input: VolunteerInput,
    context: { clientAddress: string; solvedChallenge?: boolean },
  ): Promise<void> {
    const clientHash = keyedHash(secret, "client-address", context.clientAddress);
    if (input.website.trim() !== "" || !input.healthConsent) return;
    if (
      !context.solvedChallenge &&
      (looksAutomated(verifyingKeys, input) || !(await perAddress.allow(clientHash)))
    )
      return;

    const id = crypto.randomUUID();
    const at = new Date();
    const emailLookup = volunteerEmailLookup(secret, input.email);
    const lookups = [emailLookup, ...volunteerEmailLookups(olderSecrets, input.email)];
    // Until `npm run volunteers:rotate-keys` re-keys them, rows written under an older key of the ring
    // escape the unique index below; a read finds them. Under the current key, the index decides.
    if (
      lookups.length > 1 &&
      (await db.volunteer.count({ where: { emailLookup: { in: lookups.slice(1) } } }))
    ) {
      await answerRepeat(lookups, at);
      notifyOutbox();
      return;
    }
    try {
      await db.$transaction(async (tx) => {
        await tx.volunteer.create({
          data: {
            id,
            emailLookup,
            ...sealPersonal(ring, {
              name: input.name,
              email: input.email,
              phone: input.phone,
              note: input.note,
            }),
            healthBoard: input.healthBoard,
            helpWith: input.helpWith.join(","),
            contactBy: input.contactBy,
            healthConsentVersion: volunteerConsent.version,
            healthConsentAt: at,
            clientHash,
            createdAt: at,
          },
        });
        await enqueueEmail(tx, {
          kind: "volunteer-confirm",
          refId: id,
          params: { issuedAt: at.toISOString() },
        });
      });
      notifyOutbox();
    } catch (error) {
      // The unique index on emailLookup says this mailbox has signed up before (never a read first).
      if (!isUniqueViolation(error)) throw error;
      await answerRepeat(lookups, at);
      notifyOutbox();
    }
  }

  async function answerRepeat(lookups: string[], at: Date): Promise<void> {
    await db.$transaction(async (tx) => {
      const existing = await tx.volunteer.findFirst({ where: { emailLookup: { in: lookups } } });
      if (!existing) return;
      const counters = nextRepeatCounters(existing, at);
      if (!counters) return;
      const { count } = await tx.volunteer.updateMany({
        where: { id: existing.id, ...unchangedCounters(existing) },
        data: counters,
      });
      if (count !== 1) return; // a concurrent sign-up spent this slot and sends its own email
      // "Please confirm" or "already signed up" follows the record's status when the email is sent.
      await enqueueEmail(tx, {
        kind: "volunteer-repeat",
        refId: existing.id,
        params: { issuedAt: at.toISOString() },
      });
    });
  }

  /** For the page behind the emailed link: what pressing the button would do. Never changes anything. */
  async function inspectConfirm(token: string): Promise<"valid" | "expired" | "unknown"> {
    const link = verifyLinkToken(verifyingKeys, "volunteer-confirm", token);
    if (!link) return "unknown";
    const volunteer = await db.volunteer.findUnique({
      where: { id: link.signatureId },
      select: { status: true },
    });
    if (!volunteer) return "unknown";
    if (volunteer.status === "confirmed") return "valid";
    return link.expired ? "expired" : "valid";
  }

  /**
   * The POST behind "Confirm my email address": once only (conditional update), then a warm welcome to the
   * volunteer and a detail-free notification to the campaigns team, in the same transaction.
   */
  async function confirm(token: string, now = new Date()): Promise<"confirmed" | "expired" | "unknown"> {
    const link = verifyLinkToken(verifyingKeys, "volunteer-confirm", token, now);
    if (!link) return "unknown";
    const outcome = await db.$transaction(async (tx): Promise<"confirmed" | "expired" | "unknown"> => {
      const volunteer = await tx.volunteer.findUnique({ where: { id: link.signatureId } });
      if (!volunteer) return "unknown";
      if (volunteer.status === "confirmed") return "confirmed";
      if (link.expired) return "expired";
      const { count } = await tx.volunteer.updateMany({
        where: { id: volunteer.id, status: "pending" },
        data: { status: "confirmed", confirmedAt: now },
      });
      if (count === 1) {
        await enqueueEmails(tx, [
          { kind: "volunteer-welcome", refId: volunteer.id },
          // About nobody: the team's address is read from CAMPAIGNS_TEAM_EMAIL at send time.
          { kind: "volunteer-team-notification", refId: null },
        ]);
      }
      return "confirmed";
    });
    notifyOutbox();
    return outcome;
  }

  async function inspectManage(token: string): Promise<boolean> {
    const link = verifyLinkToken(verifyingKeys, "volunteer-manage", token);
    if (!link) return false;
    return (await db.volunteer.count({ where: { id: link.signatureId } })) === 1;
  }

  /**
   * Withdrawal is erasure: the record, and with it every personal and health detail, is deleted; emails
   * to them still waiting in the outbox are dropped, and local copies of sent ones deleted. Then the
   * SQLite write-ahead log is checkpointed, so the deleted values do not linger there.
   */
  async function withdrawAndErase(token: string): Promise<boolean> {
    const link = verifyLinkToken(verifyingKeys, "volunteer-manage", token);
    if (!link) return false;
    const erased = await db.$transaction(async (tx) => {
      const volunteer = await tx.volunteer.findUnique({
        where: { id: link.signatureId },
        select: { id: true },
      });
      if (!volunteer) return false;
      await forgetEmailsTo(tx, volunteer.id);
      await tx.volunteer.delete({ where: { id: volunteer.id } });
      return true;
    });
    if (erased) await checkpointAfterErasure(db);
    return erased;
  }

  return { register, inspectConfirm, confirm, inspectManage, withdrawAndErase };
}

export type VolunteerService = ReturnType<typeof createVolunteerService>;
