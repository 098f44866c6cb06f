import "server-only";
import type { DbClient } from "@/lib/platform/db";
import { enqueueEmails, notifyOutbox } from "@/lib/mail/outbox";
import type { HeldReason } from "@/lib/pledge/admission";

// Sign-ups held for the campaigns team (lib/pledge/admission.ts): what the dashboard shows, and the bulk
// release (then they are emailed, exactly like an admitted sign-up) and discard. Networks are shown by a
// short label made from the keyed hash of their address, never the address itself.

export type HeldSelection = { reason?: HeldReason; network?: string };

export type HeldNetwork = { network: string; label: string; count: number; first: Date; last: Date };

export type HeldSummary = {
  total: number;
  byReason: Record<HeldReason, number>;
  networks: number;
  first?: Date;
  last?: Date;
  /** The busiest networks first. */
  busiest: HeldNetwork[];
};

const networkLabel = (clientHash: string) => `Network ${clientHash.slice(0, 6).toUpperCase()}`;

function whereHeld(selection: HeldSelection) {
  return {
    status: "held",
    ...(selection.reason ? { heldReason: selection.reason } : {}),
    ...(selection.network ? { clientHash: selection.network } : {}),
  };
}

export function createHeldQueue(db: DbClient) {
  return {
    async summary(): Promise<HeldSummary> {
      const [reasons, networks] = await Promise.all([
        db.signature.groupBy({ by: ["heldReason"], where: { status: "held" }, _count: { _all: true } }),
        db.signature.groupBy({
          by: ["clientHash"],
          where: { status: "held" },
          _count: { _all: true },
          _min: { createdAt: true },
          _max: { createdAt: true },
        }),
      ]);
      const byReason: Record<HeldReason, number> = { "over-allowance": 0, honeypot: 0 };
      for (const row of reasons) if (row.heldReason) byReason[row.heldReason as HeldReason] = row._count._all;
      const groups = networks.map((row) => ({
        network: row.clientHash,
        label: networkLabel(row.clientHash),
        count: row._count._all,
        first: row._min.createdAt!,
        last: row._max.createdAt!,
      }));
      const times = groups.flatMap((group) => [group.first.getTime(), group.last.getTime()]);
      return {
        total: groups.reduce((sum, group) => sum + group.count, 0),
        byReason,
        networks: groups.length,
        first: times.length ? new Date(Math.min(...times)) : undefined,
        last: times.length ? new Date(Math.max(...times)) : undefined,
        busiest: groups.sort((a, b) => b.count - a.count).slice(0, 10),
      };
    },

    /**
     * Held → pending, each with its confirmation email queued in the same transaction. Retention counts
     * from the release, so a person released late still has the full time to confirm.
     */
    async release(selection: HeldSelection, now = new Date()): Promise<number> {
      const released = await db.$transaction(async (tx) => {
        const rows = await tx.signature.updateManyAndReturn({
          where: whereHeld(selection),
          data: { status: "pending", heldReason: null, createdAt: now },
          select: { id: true },
        });
        await enqueueEmails(
          tx,
          rows.map((row) => ({
            kind: "pledge-confirm",
            refId: row.id,
            params: { issuedAt: now.toISOString() },
          })),
        );
        return rows.length;
      });
      if (released > 0) notifyOutbox();
      return released;
    },

    /** Deletes held sign-ups outright: nothing about them is kept. */
    async discard(selection: HeldSelection): Promise<number> {
      const { count } = await db.signature.deleteMany({ where: whereHeld(selection) });
      return count;
    },
  };
}

export type HeldQueue = ReturnType<typeof createHeldQueue>;
