import type { DbClient } from "@/lib/platform/db";
import type { DatabaseProvider } from "@/prisma/database-target";
import { recordAudit } from "@/lib/admin/audit/record";
import { countAudience } from "@/lib/updates/audience";
import { updateLinks } from "@/lib/updates/links";
import { finalProgressOf, settleUpdate } from "@/lib/updates/settle";
import { readProgress, type UpdateProgress } from "@/lib/updates/progress";
import { changeRate, queueUpdate, stopUpdate } from "@/lib/updates/queue";
import {
  composeUpdateEmail,
  renderUpdateBody,
  renderUpdateBodyForPage,
  type UpdateEmail,
} from "@/lib/updates/render";

// What staff do at /admin/updates: write a draft, preview it as the email, send it to its audience at a
// rate, change the rate or stop it while it sends, and watch its progress. Each change is in the audit
// log with ids, filters and counts only.

export type UpdateDraft = {
  subject: string;
  body: string;
  nation?: string;
  partnerCode?: string;
  ratePerMinute: number;
};

type Actor = { email: string };

export type UpdateSummary = {
  id: string;
  subject: string;
  status: string;
  recipients: number;
  createdAt: Date;
  sendStartedAt: Date | null;
};

export type UpdateDetail = UpdateSummary & {
  body: string;
  nation: string | null;
  partnerCode: string | null;
  ratePerMinute: number;
  createdBy: string;
  sentBy: string | null;
  /** Exactly what a reader gets, with a placeholder name and links that lead nowhere. */
  preview: UpdateEmail;
  /** The body as safe HTML in the page's own styles. */
  previewBodyHtml: string;
  /** Drafts: how many it would go to now. Sent ones: their progress. */
  audience?: number;
  progress?: UpdateProgress;
};

/** The preview's links name no real signature (a nil-like id no signature can have). */
const PREVIEW_SIGNATURE_ID = "00000000-0000-4000-8000-000000000000";
export const PREVIEW_NAME = "(their name)";

export function createCampaignUpdates(
  db: DbClient,
  options: { provider: DatabaseProvider; secret: Buffer; siteUrl: string; notify?: () => void },
) {
  const notify = options.notify ?? (() => {});
  const filters = (draft: UpdateDraft) => ({
    nation: draft.nation ?? null,
    partnerCode: draft.partnerCode ?? null,
  });
  const auditDetail = (draft: {
    nation: string | null;
    partnerCode: string | null;
    ratePerMinute: number;
  }) => ({
    nation: draft.nation,
    partnerCode: draft.partnerCode,
    ratePerMinute: draft.ratePerMinute,
  });

  return {
    list(): Promise<UpdateSummary[]> {
      return db.campaignUpdate.findMany({
        orderBy: { createdAt: "desc" },
        take: 100,
        select: {
          id: true,
          subject: true,
          status: true,
          recipients: true,
          createdAt: true,
          sendStartedAt: true,
        },
      });
    },

    countAudience: (filter: { nation?: string; partnerCode?: string }) => countAudience(db, filter),

    /** A new draft. */
    async create(draft: UpdateDraft, actor: Actor): Promise<string> {
      const { id } = await db.campaignUpdate.create({
        data: { ...draft, ...filters(draft), createdBy: actor.email },
        select: { id: true },
      });
      await recordAudit(db, {
        actor: actor.email,
        action: "update-save",
        subject: id,
        detail: auditDetail({ ...filters(draft), ratePerMinute: draft.ratePerMinute }),
      });
      return id;
    },

    /** Changes a draft; false once it has been sent (what went out cannot change). */
    async edit(id: string, draft: UpdateDraft, actor: Actor): Promise<boolean> {
      const { count } = await db.campaignUpdate.updateMany({
        where: { id, status: "draft" },
        data: { ...draft, ...filters(draft) },
      });
      if (count === 1)
        await recordAudit(db, {
          actor: actor.email,
          action: "update-save",
          subject: id,
          detail: auditDetail({ ...filters(draft), ratePerMinute: draft.ratePerMinute }),
        });
      return count === 1;
    },

    async read(id: string): Promise<UpdateDetail | undefined> {
      const update = await db.campaignUpdate.findUnique({ where: { id } });
      if (!update) return undefined;
      const preview = {
        preview: composeUpdateEmail(
          update.subject,
          renderUpdateBody(update.body),
          { name: PREVIEW_NAME },
          updateLinks(options.secret, options.siteUrl, PREVIEW_SIGNATURE_ID),
        ),
        previewBodyHtml: renderUpdateBodyForPage(update.body),
      };
      if (update.status === "draft")
        return { ...update, ...preview, audience: await countAudience(db, update) };
      const kept = finalProgressOf(update.finalProgress);
      if (kept) return { ...update, ...preview, progress: kept };
      // Its last email has gone: keep the counts and say "sent" from now on (lib/updates/settle.ts).
      const progress = await settleUpdate(db, update);
      const status = progress.finished && update.status === "sending" ? "sent" : update.status;
      return { ...update, ...preview, status, progress };
    },

    /** Progress only, for the page's polling. */
    async progress(id: string): Promise<UpdateProgress | undefined> {
      const update = await db.campaignUpdate.findUnique({
        where: { id },
        select: { id: true, recipients: true, finalProgress: true },
      });
      if (!update) return undefined;
      return finalProgressOf(update.finalProgress) ?? readProgress(db, update);
    },

    /** Queues it to everyone in its audience now. Undefined if it was not a draft any more. */
    async send(id: string, actor: Actor): Promise<number | undefined> {
      const result = await queueUpdate(db, options.provider, id, actor.email);
      if (result.status !== "queued") return undefined;
      const update = await db.campaignUpdate.findUniqueOrThrow({ where: { id } });
      await recordAudit(db, {
        actor: actor.email,
        action: "update-send",
        subject: id,
        detail: { ...auditDetail(update), recipients: result.recipients },
      });
      notify();
      return result.recipients;
    },

    /** A new rate; while it sends, the emails still waiting are spaced again from now. */
    async setRate(id: string, ratePerMinute: number, actor: Actor): Promise<boolean> {
      const before = await db.campaignUpdate.findUnique({ where: { id }, select: { ratePerMinute: true } });
      if (!before) return false;
      const respaced = await changeRate(db, id, ratePerMinute);
      if (respaced === undefined) return false;
      await recordAudit(db, {
        actor: actor.email,
        action: "update-send",
        subject: id,
        detail: { ratePerMinute: { from: before.ratePerMinute, to: ratePerMinute }, respaced },
      });
      notify();
      return true;
    },

    /** Stops it: the emails still waiting are not sent. Undefined if it was not sending. */
    async stop(id: string, actor: Actor): Promise<number | undefined> {
      const cancelled = await stopUpdate(db, id);
      if (cancelled === undefined) return undefined;
      await recordAudit(db, {
        actor: actor.email,
        action: "update-cancel",
        subject: id,
        detail: { cancelled },
      });
      return cancelled;
    },
  };
}

export type CampaignUpdates = ReturnType<typeof createCampaignUpdates>;
