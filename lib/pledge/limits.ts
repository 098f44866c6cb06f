import "server-only";
import net from "node:net";
import type { DbClient } from "@/lib/platform/db";
import { parseIpRange } from "@/lib/security/ip-range";

// The limits staff can see and change at /admin/signing: the free allowance per network, and address
// ranges allowed to sign without limit for a while (a conference, a hospital event). Read on the signing
// hot path, so cached briefly; a change reaches every sign-up within CACHE_MS.

const CACHE_MS = 5_000;
const LIMITS_ID = "signing";

export type SigningLimitsView = {
  freePerAddressPerHour: number;
  /** Who last changed it and when; undefined while the default from the environment applies. */
  changed?: { by: string; at: Date };
};

export type AllowedRangeView = { id: string; cidr: string; note: string; until: Date; createdBy: string };

export function createSigningLimits(db: DbClient, defaults: { freePerAddressPerHour: number }) {
  let cached: { at: number; limits: SigningLimitsView; ranges: net.BlockList } | undefined;
  let inFlight: Promise<NonNullable<typeof cached>> | undefined;

  async function load(now: number) {
    const [row, ranges] = await Promise.all([
      db.signingLimits.findUnique({ where: { id: LIMITS_ID } }),
      db.allowedRange.findMany({ where: { until: { gt: new Date(now) } }, select: { cidr: true } }),
    ]);
    const blockList = new net.BlockList();
    for (const range of ranges) {
      const parsed = parseIpRange(range.cidr);
      if (parsed) blockList.addSubnet(parsed.address, parsed.prefix, parsed.family);
    }
    const limits: SigningLimitsView = row
      ? {
          freePerAddressPerHour: row.freePerAddressPerHour,
          changed: { by: row.updatedBy, at: row.updatedAt },
        }
      : { freePerAddressPerHour: defaults.freePerAddressPerHour };
    return { at: now, limits, ranges: blockList };
  }

  async function current(now = Date.now()) {
    if (cached && now - cached.at < CACHE_MS) return cached;
    inFlight ??= load(now)
      .then((value) => (cached = value))
      .finally(() => (inFlight = undefined));
    return inFlight;
  }

  return {
    async read(): Promise<SigningLimitsView> {
      return (await current()).limits;
    },

    /** Whether a client address is inside a range staff allowed, right now. */
    async isAllowed(address: string): Promise<boolean> {
      const version = net.isIP(address);
      if (version === 0) return false;
      return (await current()).ranges.check(address, version === 4 ? "ipv4" : "ipv6");
    },

    async setFreeAllowance(freePerAddressPerHour: number, by: string): Promise<void> {
      await db.signingLimits.upsert({
        where: { id: LIMITS_ID },
        create: { id: LIMITS_ID, freePerAddressPerHour, updatedBy: by },
        update: { freePerAddressPerHour, updatedBy: by },
      });
      cached = undefined;
    },

    async listRanges(now = new Date()): Promise<AllowedRangeView[]> {
      return db.allowedRange.findMany({
        where: { until: { gt: now } },
        orderBy: { until: "asc" },
        select: { id: true, cidr: true, note: true, until: true, createdBy: true },
      });
    },

    async allowRange(range: { cidr: string; note: string; until: Date }, by: string): Promise<string> {
      const row = await db.allowedRange.create({ data: { ...range, createdBy: by }, select: { id: true } });
      cached = undefined;
      return row.id;
    },

    async removeRange(id: string): Promise<AllowedRangeView | undefined> {
      const range = await db.allowedRange.findUnique({
        where: { id },
        select: { id: true, cidr: true, note: true, until: true, createdBy: true },
      });
      if (range) await db.allowedRange.deleteMany({ where: { id } });
      cached = undefined;
      return range ?? undefined;
    },

    /** Ranges that have ended are kept a week for the record, then removed by the hourly sweep. */
    async deleteEndedRanges(now = new Date()): Promise<number> {
      const { count } = await db.allowedRange.deleteMany({
        where: { until: { lt: new Date(now.getTime() - 7 * 24 * 60 * 60_000) } },
      });
      return count;
    },
  };
}

export type SigningLimits = ReturnType<typeof createSigningLimits>;
