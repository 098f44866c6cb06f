import { z } from "zod";
import { linkTokenPattern } from "@/lib/entry/token-param";

/**
 * The hidden `token` field of the forms on a link's page (confirm, unsubscribe, withdraw). Anything not
 * shaped like the tokens lib/security/link-tokens.ts issues is not one of ours, and the action answers it
 * as a link we cannot use.
 */
export const linkTokenFormSchema = z.object({ token: z.string().max(200).regex(linkTokenPattern) });
