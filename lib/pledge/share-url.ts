import { env } from "@/lib/platform/env";

/** The public address of a page on this site, for share links and embed snippets. */
export const siteUrl = (path: string): string => new URL(path, env.SITE_URL).toString();

/** What a share link says beside the address. Our own words. */
export const pledgeShareText =
  "I signed the Count Us In pledge: everyone living with secondary breast cancer should be counted. Add your name:";
