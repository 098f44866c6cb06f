import { z } from "zod";

/** "Send again" on /admin/emails: one email by its outbox id, or every failed one. */
export const sendAgainSchema = z.union([
  z.object({ scope: z.literal("one"), id: z.uuid() }),
  z.object({ scope: z.literal("all") }),
]);
