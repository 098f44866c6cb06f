import { PAGE_SIZE } from "@/lib/validation/admin/list-filters";
import type { Cursor } from "@/lib/validation/admin/cursor";

// Keyset ("seek") pagination over a list sorted newest first by (time, id). Each page asks for the rows
// beyond the last one seen, so page 2,000 costs what page 1 costs, and a row added or erased meanwhile
// never makes another row appear twice or not at all. The id breaks ties between equal times.

export type Toward = "older" | "newer";

/** Rows beyond `cursor` in one direction: `take` of them, nearest first. Without a cursor: from the newest. */
export type KeysetFetch<Row> = (query: {
  beyond?: { cursor: Cursor; toward: Toward };
  take: number;
}) => Promise<Row[]>;

/**
 * The pieces of a "(time, id) beyond the cursor" condition, for a model to put under its own field names:
 *   { createdAt: k.bound, OR: [{ createdAt: k.time }, { createdAt: k.sameTime, id: k.id }] }
 * `bound` says the same as the OR, but in a form the database can use its time index for: without it,
 * SQLite and PostgreSQL read and sort every remaining row for each batch (an export became quadratic).
 */
export function keysetCondition(cursor: Cursor, toward: Toward) {
  return toward === "older"
    ? { bound: { lte: cursor.at }, time: { lt: cursor.at }, sameTime: cursor.at, id: { lt: cursor.id } }
    : { bound: { gte: cursor.at }, time: { gt: cursor.at }, sameTime: cursor.at, id: { gt: cursor.id } };
}

/** Sort order for fetching toward older rows (newest first) or toward newer ones (oldest first). */
export const sortFor = (toward: Toward | undefined) => (toward === "newer" ? "asc" : "desc");

export type Page<Row> = {
  rows: Row[];
  /** Where "Previous page" (newer rows) starts, when there are any. */
  newer?: Cursor;
  /** Where "Next page" (older rows) starts, when there are any. */
  older?: Cursor;
};

/**
 * One page of at most `size` rows, newest first: the first page, the page after `after` (older rows) or
 * the page before `before` (newer rows). Whether a neighbouring page exists is asked of the database (one
 * row), not assumed, so "Previous page" and "Next page" appear only when they lead somewhere.
 */
export async function readPage<Row>(
  fetch: KeysetFetch<Row>,
  keyOf: (row: Row) => Cursor,
  position: { after?: Cursor; before?: Cursor },
  size: number = PAGE_SIZE,
): Promise<Page<Row>> {
  const exists = async (cursor: Cursor, toward: Toward) =>
    (await fetch({ beyond: { cursor, toward }, take: 1 })).length > 0;

  if (position.before) {
    const found = await fetch({ beyond: { cursor: position.before, toward: "newer" }, take: size + 1 });
    const rows = found.slice(0, size).reverse();
    const first = rows[0];
    const last = rows.at(-1);
    // Nothing newer (the rows were erased meanwhile): that is the first page.
    if (!first || !last) return readPage(fetch, keyOf, {}, size);
    return {
      rows,
      newer: found.length > size ? keyOf(first) : undefined,
      older: (await exists(keyOf(last), "older")) ? keyOf(last) : undefined,
    };
  }

  const found = await fetch({
    beyond: position.after ? { cursor: position.after, toward: "older" } : undefined,
    take: size + 1,
  });
  const rows = found.slice(0, size);
  const first = rows[0];
  const last = rows.at(-1);
  // Past the end, there is nothing to link from; the page offers a way back to the first page instead.
  if (!first || !last) return { rows };
  return {
    rows,
    newer: position.after && (await exists(keyOf(first), "newer")) ? keyOf(first) : undefined,
    older: found.length > size ? keyOf(last) : undefined,
  };
}
