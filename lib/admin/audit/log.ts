import "server-only";
import type { DbClient } from "@/lib/platform/db";
import type { AuditFilters } from "@/lib/validation/admin/list-filters";
import type { Cursor } from "@/lib/validation/admin/cursor";
import { keysetCondition, readPage, sortFor, type KeysetFetch } from "@/lib/admin/records/keyset";

export type AuditRow = {
  id: string;
  at: Date;
  actor: string;
  action: string;
  subject: string | null;
  detail: string | null;
};

const auditKey = (row: AuditRow): Cursor => ({ at: row.at, id: row.id });

/** The audit log for admins: newest first, 50 a page, optionally one kind of action. Read-only. */
export function createAuditLog(db: DbClient) {
  const fetcher =
    (filters: AuditFilters): KeysetFetch<AuditRow> =>
    ({ beyond, take }) => {
      const k = beyond && keysetCondition(beyond.cursor, beyond.toward);
      const order = sortFor(beyond?.toward);
      return db.auditEvent.findMany({
        where: {
          AND: [
            filters.action ? { action: filters.action } : {},
            k ? { at: k.bound, OR: [{ at: k.time }, { at: k.sameTime, id: k.id }] } : {},
          ],
        },
        orderBy: [{ at: order }, { id: order }],
        take,
      });
    };

  return {
    list(filters: AuditFilters) {
      return readPage(fetcher(filters), auditKey, filters);
    },
  };
}
