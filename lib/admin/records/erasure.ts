import "server-only";
import crypto from "node:crypto";
import type { DbClient } from "@/lib/platform/db";
import { forgetEmailsTo } from "@/lib/mail/outbox";
import { checkpointAfterErasure } from "@/lib/retention/wal-checkpoint";
import { emailKey } from "@/lib/validation/email-key";
import { recordAudit } from "@/lib/admin/audit/record";
import { recordRemovals } from "@/lib/pledge/removals";
import type { SignatureQueries, SignatureRow } from "@/lib/admin/records/signatures";
import type { VolunteerQueries, VolunteerRow } from "@/lib/admin/records/volunteers";

/** What stands in for an erased signer's name. */
export const ERASED_NAME = "[erased]";
/** What staff see in place of a volunteer's sealed details when they cannot be opened. */
import { UNREADABLE_DETAILS, unsealedVolunteerSelect } from "@/lib/admin/records/columns";
const ERASED_KEY_PREFIX = "erased:";

export type PersonRecords = {
  signature: SignatureRow | null;
  /** `unreadable`: the row exists but its sealed fields could not be opened; they read UNREADABLE_DETAILS. */
  volunteer: VolunteerRow | null;
};

export type ErasureTarget = { signatureId?: string; volunteerId?: string };

/** What the confirmation page shows: enough to be sure, nothing personal (no decryption needed). */
export type ErasureSummary = {
  signature: { id: string; status: string; nation: string; country: string; createdAt: Date } | null;
  volunteer: { id: string; healthBoard: string; status: string; createdAt: Date } | null;
};

/** Per record: what happened to it, "not-found" if it was gone already, "not-asked" if it was not named. */
export type ErasureOutcome = {
  signature: "anonymised" | "not-found" | "not-asked";
  volunteer: "deleted" | "not-found" | "not-asked";
};

export const isErasedSignature = (row: { name: string; email: string }) =>
  row.name === ERASED_NAME && row.email === "";

/**
 * A person's right to erasure. Everything held about an email address, then, on a confirming POST:
 *  - the signature is anonymised, not deleted: name and address go, the emailKey becomes a random
 *    placeholder, campaign emails stop; status, nation, country and dates stay, so the public count
 *    (which counts confirmed rows) does not change;
 *  - the volunteer record is deleted, with all its sealed and health details.
 *  - emails still queued for either record are dropped, the outbox's records of earlier ones lose their
 *    link to the person, and local .eml copies are deleted (lib/mail's forgetEmailsTo).
 * One transaction, with an "erase" audit event naming the record ids and nothing else; then, on SQLite,
 * a WAL checkpoint so the erased values leave the write-ahead log.
 *
 * Erasure never needs to open a sealed field: the volunteer is found by the keyed hash of the address and
 * deleted by id. A row whose key has gone from VOLUNTEER_KEYS (or whose sealed text is damaged) can still
 * be found, shown as UNREADABLE_DETAILS, and erased: losing a key must never keep a person's data.
 */
export function createErasure(
  db: DbClient,
  options: {
    signatures: SignatureQueries;
    volunteers: VolunteerQueries;
    /**
     * The keyed hash(es) an address is found by (lib/volunteers/keys.ts): every key's, so a row written
     * under an earlier APP_SECRET key is found too.
     */
    lookup: (email: string) => string | readonly string[];
  },
) {
  /** The volunteer opened for staff, or, if it cannot be opened, what can be shown without opening it. */
  async function viewVolunteer(id: string, actor: string): Promise<PersonRecords["volunteer"]> {
    try {
      return await options.volunteers.find(id, actor);
    } catch (error) {
      // Whatever stopped the opening, the row's unsealed fields tell staff which record this is; if the row
      // itself cannot be read, that error (the database's) is the one to report.
      const row = await db.volunteer.findUnique({ where: { id }, select: unsealedVolunteerSelect });
      if (!row) throw error;
      return {
        ...row,
        name: UNREADABLE_DETAILS,
        email: UNREADABLE_DETAILS,
        phone: null,
        note: null,
        helpWith: row.helpWith.split(",").filter(Boolean),
        unreadable: true,
      };
    }
  }

  return {
    /** Everything held for `email`, volunteer fields opened; each record found is audited as viewed. */
    async find(email: string, actor: string): Promise<PersonRecords> {
      const lookups = [options.lookup(email)].flat();
      const [signatureId, volunteerId] = await Promise.all([
        db.signature.findUnique({ where: { emailKey: emailKey(email) }, select: { id: true } }),
        db.volunteer.findFirst({ where: { emailLookup: { in: lookups } }, select: { id: true } }),
      ]);
      const signature = signatureId ? await options.signatures.view(signatureId.id, actor) : null;
      const volunteer = volunteerId ? await viewVolunteer(volunteerId.id, actor) : null;
      return { signature, volunteer };
    },

    async summarise(target: ErasureTarget): Promise<ErasureSummary> {
      const [signature, volunteer] = await Promise.all([
        target.signatureId
          ? db.signature.findUnique({
              where: { id: target.signatureId },
              select: {
                id: true,
                status: true,
                nation: true,
                country: true,
                createdAt: true,
                emailKey: true,
              },
            })
          : null,
        target.volunteerId
          ? db.volunteer.findUnique({
              where: { id: target.volunteerId },
              select: { id: true, healthBoard: true, status: true, createdAt: true },
            })
          : null,
      ]);
      const live = signature && !signature.emailKey.startsWith(ERASED_KEY_PREFIX) ? signature : null;
      return {
        signature: live && {
          id: live.id,
          status: live.status,
          nation: live.nation,
          country: live.country,
          createdAt: live.createdAt,
        },
        volunteer,
      };
    },

    async erase(target: ErasureTarget, actor: string): Promise<ErasureOutcome> {
      const outcome = await db.$transaction(async (tx) => {
        let signature: ErasureOutcome["signature"] = "not-asked";
        let volunteer: ErasureOutcome["volunteer"] = "not-asked";
        // The records erased: emails about them, queued or sent, are forgotten too.
        const erased: string[] = [];
        if (target.signatureId) {
          signature = "not-found";
          const live = { id: target.signatureId, NOT: { emailKey: { startsWith: ERASED_KEY_PREFIX } } };
          const row = await tx.signature.findFirst({ where: live, select: { id: true } });
          const { count } = row
            ? await tx.signature.updateMany({
                where: live,
                data: {
                  name: ERASED_NAME,
                  email: "",
                  emailKey: `${ERASED_KEY_PREFIX}${crypto.randomUUID()}`,
                  campaignEmails: false,
                  campaignEmailsAt: new Date(),
                  // The keyed IP hash links the row to other sign-ups from the same address: it goes too.
                  clientHash: "erased",
                  repeatEmailCount: 0,
                  repeatWindowStartedAt: null,
                },
              })
            : { count: 0 };
          if (row && count === 1) {
            signature = "anonymised";
            erased.push(row.id);
            await recordRemovals(tx, [row.id], "erased");
          }
        }
        if (target.volunteerId) {
          volunteer = "not-found";
          const row = await tx.volunteer.findUnique({
            where: { id: target.volunteerId },
            select: { id: true },
          });
          const { count } = row
            ? await tx.volunteer.deleteMany({ where: { id: target.volunteerId } })
            : { count: 0 };
          if (row && count === 1) {
            volunteer = "deleted";
            erased.push(row.id);
          }
        }
        for (const refId of erased) await forgetEmailsTo(tx, refId);
        if (signature === "anonymised" || volunteer === "deleted") {
          const subject = [
            signature === "anonymised" ? `signature:${target.signatureId}` : undefined,
            volunteer === "deleted" ? `volunteer:${target.volunteerId}` : undefined,
          ]
            .filter(Boolean)
            .join(" ");
          await recordAudit(tx, { actor, action: "erase", subject, detail: { signature, volunteer } });
        }
        return { signature, volunteer };
      });
      if (outcome.signature === "anonymised" || outcome.volunteer === "deleted")
        await checkpointAfterErasure(db);
      return outcome;
    },
  };
}

export type Erasure = ReturnType<typeof createErasure>;
