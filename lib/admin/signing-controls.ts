import "server-only";
import { db } from "@/lib/platform/db";
import { heldSignatures, reconcilePledgeTotals, signingLimits } from "@/lib/pledge";
import type { HeldSelection } from "@/lib/pledge/held";
import { recordAudit } from "@/lib/admin/audit/record";
import { assertHolds, type Staff, type StaffWith } from "@/lib/admin/access/session";

// What staff do at /admin/signing, each change recorded in the audit log with what it touched (counts,
// ranges, limits: never anyone's personal data).

type Actor = Pick<Staff, "email">;

const controls = {
  async overview() {
    const [held, limits, ranges] = await Promise.all([
      heldSignatures().summary(),
      signingLimits().read(),
      signingLimits().listRanges(),
    ]);
    return { held, limits, ranges };
  },

  async release(selection: HeldSelection, actor: Actor): Promise<number> {
    const count = await heldSignatures().release(selection);
    await recordAudit(db, { actor: actor.email, action: "release-held", detail: { ...selection, count } });
    return count;
  },

  async discard(selection: HeldSelection, actor: Actor): Promise<number> {
    const count = await heldSignatures().discard(selection);
    await recordAudit(db, { actor: actor.email, action: "discard-held", detail: { ...selection, count } });
    return count;
  },

  async setFreeAllowance(freePerAddressPerHour: number, actor: Actor): Promise<void> {
    const before = (await signingLimits().read()).freePerAddressPerHour;
    await signingLimits().setFreeAllowance(freePerAddressPerHour, actor.email);
    await recordAudit(db, {
      actor: actor.email,
      action: "change-limits",
      detail: { freePerAddressPerHour: { from: before, to: freePerAddressPerHour } },
    });
  },

  async allowRange(input: { cidr: string; note: string; hours: number }, actor: Actor): Promise<void> {
    const until = new Date(Date.now() + input.hours * 60 * 60_000);
    const id = await signingLimits().allowRange({ cidr: input.cidr, note: input.note, until }, actor.email);
    await recordAudit(db, {
      actor: actor.email,
      action: "allow-range",
      subject: id,
      detail: { cidr: input.cidr, note: input.note, until: until.toISOString() },
    });
  },

  async removeRange(id: string, actor: Actor): Promise<boolean> {
    const removed = await signingLimits().removeRange(id);
    if (removed)
      await recordAudit(db, {
        actor: actor.email,
        action: "remove-range",
        subject: id,
        detail: { cidr: removed.cidr },
      });
    return Boolean(removed);
  },

  async recount(actor: Actor) {
    const result = await reconcilePledgeTotals();
    await recordAudit(db, {
      actor: actor.email,
      action: "recount",
      detail: { keys: result.checkedKeys, repaired: result.repaired.length },
    });
    return result;
  },
};

/** /admin/signing's controls, for a member of staff allowed to manage signing. */
export function signingControls(staff: StaffWith<"manage-signing">): typeof controls {
  assertHolds(staff, "manage-signing");
  return controls;
}
