import MarkdownIt from "markdown-it";
import { composeEmail, type RenderedBlock } from "@/lib/mail/compose";

// A campaign update as its reader gets it: staff write Markdown, which becomes the body of an email of the
// campaign's usual shape (lib/mail/compose.ts). The same function renders the preview staff check and the
// email the worker sends, so what they approve is what goes out.
//
// Staff are trusted, but an update reaches thousands of inboxes, so the Markdown is held to what an email
// needs: raw HTML is shown as text (html: false), images are off (no remote content, no tracking), and
// only http(s) and mailto links become links; anything else stays as plain text.

const SAFE_LINK = /^(?:https?:|mailto:)/i;
const LINK_STYLE = "color:#5b1a4a;";

function markdownRenderer({ linkStyle }: { linkStyle?: string }) {
  const md = new MarkdownIt("default", { html: false, linkify: true, typographer: false });
  md.disable(["image"]);
  md.validateLink = (url) => SAFE_LINK.test(url.trim());
  if (!linkStyle) return md;
  // Mail clients drop <style>: links carry their colour inline, as the rest of the email does.
  const defaultLinkOpen =
    md.renderer.rules.link_open ??
    ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    tokens[idx]!.attrSet("style", linkStyle);
    return defaultLinkOpen(tokens, idx, options, env, self);
  };
  return md;
}

const md = markdownRenderer({ linkStyle: LINK_STYLE });
// The admin page shows the body in the site's own styles; its strict CSP forbids inline style attributes.
const pageMd = markdownRenderer({});

// [label](https://…) reads as "label (https://…)" in plain text, so every link is there in full.
const INLINE_LINK = /\[([^\]\n]+)\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;

/** The update's body in both forms: HTML for the email's HTML part, plain text for its text part. */
export function renderUpdateBody(markdown: string): RenderedBlock {
  const source = markdown.replace(/\r\n?/g, "\n").trim();
  const text = source.replace(INLINE_LINK, (whole, label: string, url: string) =>
    SAFE_LINK.test(url) ? `${label} (${url})` : label,
  );
  return { text, html: md.render(source).trim() };
}

/** The body as safe HTML for the admin page's preview: the same Markdown rules, no inline styles. */
export function renderUpdateBodyForPage(markdown: string): string {
  return pageMd.render(markdown.replace(/\r\n?/g, "\n").trim()).trim();
}

/** Where the reader's links go: their manage page, and the one-click address mail providers POST to. */
export type UpdateLinks = { manageUrl: string; oneClickUrl: string };

export type UpdateEmail = {
  subject: string;
  text: string;
  html: string;
  /** RFC 2369 and RFC 8058: mail providers show an "Unsubscribe" button that POSTs to the one-click URL. */
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": string };
};

export const UPDATE_REASON =
  "You are getting this email because you signed the Count Us In pledge and asked for emails about the campaign.";

/** One reader's email. `name` is theirs, or a placeholder in the preview. */
export function composeUpdateEmail(
  subject: string,
  body: RenderedBlock,
  recipient: { name: string },
  links: UpdateLinks,
): UpdateEmail {
  const composed = composeEmail({
    subject,
    greeting: `Dear ${recipient.name},`,
    paragraphs: [body],
    reason: UPDATE_REASON,
    links: [{ label: "Stop campaign emails", url: links.manageUrl }],
  });
  return {
    subject,
    ...composed,
    headers: {
      "List-Unsubscribe": `<${links.oneClickUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
