import type { KeyRing } from "@/lib/security/field-cipher";
import type { DbClient } from "@/lib/platform/db";
import { createTemplateRenderer, type TemplateContext } from "@/lib/mail/templates";

// The outbox holds only (kind, record id, parameters); what a person would receive exists only once the
// worker renders it. These helpers render queued rows exactly as the worker would at this moment, so tests
// can read the emails (and their links) without running a worker.

export type RenderedRow = {
  id: string;
  kind: string;
  status: string;
  to: string;
  subject: string;
  text: string;
  html: string;
};

export function templateContext(
  db: DbClient,
  keys: { secret: Buffer; ring: KeyRing; siteUrl: string; teamEmail: string },
): TemplateContext {
  return { db, ...keys };
}

/** Every row that would be sent now, rendered, oldest first; rows whose person is gone are left out. */
export async function renderQueued(context: TemplateContext): Promise<RenderedRow[]> {
  const render = createTemplateRenderer(context);
  const rows = await context.db.outboxMessage.findMany({ orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
  const rendered: RenderedRow[] = [];
  for (const row of rows) {
    const outcome = await render(row);
    if (outcome.status === "ready")
      rendered.push({ id: row.id, kind: row.kind, status: row.status, ...outcome.email });
  }
  return rendered;
}

/** Every outbox row as one text per row, all columns, read raw: what a copy of the database shows. */
export async function outboxRowsAsText(db: DbClient): Promise<string> {
  return JSON.stringify(await db.outboxMessage.findMany());
}
