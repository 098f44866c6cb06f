import { z } from "zod";
import { blankToUndefined } from "@/lib/validation/admin/filter-fields";

// Where a staff list's page starts: "Next page" / "Previous page" links carry the last row seen.

/** A position in a list sorted newest first: the last row seen, as (createdAt, id). */
export type Cursor = { at: Date; id: string };

const cursorPattern = /^(\d{1,15})\.([A-Za-z0-9-]{1,64})$/;

export function encodeCursor(cursor: Cursor): string {
  return `${cursor.at.getTime()}.${cursor.id}`;
}

export function decodeCursor(token: string): Cursor | undefined {
  const match = cursorPattern.exec(token);
  if (!match) return undefined;
  const at = new Date(Number(match[1]));
  return Number.isNaN(at.getTime()) ? undefined : { at, id: match[2]! };
}

const pageCursor = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((token, ctx) => {
      const cursor = decodeCursor(token);
      if (!cursor) {
        ctx.addIssue({
          code: "custom",
          message: "That page link is not valid. Start again from the first page.",
        });
        return z.NEVER;
      }
      return cursor;
    })
    .optional(),
);

export const paging = { after: pageCursor, before: pageCursor };

export type Paged = { after?: Cursor; before?: Cursor };

export function checkPaging(input: Paged, ctx: z.RefinementCtx) {
  if (input.after && input.before)
    ctx.addIssue({
      code: "custom",
      path: ["after"],
      message: "That page link is not valid. Start again from the first page.",
    });
}
