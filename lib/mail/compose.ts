// Every email the campaign sends has the same shape, so readers (and screen readers) always find the
// same things in the same places: what happened, one thing to do, who sent it and why, how to stop it.
// Plain text comes first and carries every link in full; the HTML is simple, has no remote images
// and no tracking, and escapes every value, because names and addresses come from the public.

export type EmailLink = { label: string; url: string };

/**
 * A block written elsewhere in both forms, e.g. a campaign update's Markdown (lib/updates/render.ts). Its
 * `html` must already be safe: it is placed as it is, where a plain paragraph would be escaped.
 */
export type RenderedBlock = { text: string; html: string };

export type ComposeEmailInput = {
  /** Used as the HTML document title; screen readers announce it when the email opens. */
  subject?: string;
  /** E.g. "Dear Sam,". Omitted: the email starts with the first paragraph. */
  greeting?: string;
  paragraphs: readonly (string | RenderedBlock)[];
  /** The one thing the reader is asked to do, shown as a prominent link. */
  action?: EmailLink;
  /** Why this person got this email, as a sentence: "You signed the Count Us In pledge with this address." */
  reason: string;
  /** Links for the footer, e.g. withdraw a signature or stop campaign emails. */
  links: readonly EmailLink[];
  /** Defaults to thanking the reader from the campaign. */
  signOff?: string;
};

export type ComposedEmail = { text: string; html: string };

export const SENDER_NAME = "the Count Us In campaign";
const DEFAULT_SIGN_OFF = "Thank you,\nThe Count Us In campaign";
const DEFAULT_TITLE = "A message from the Count Us In campaign";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

/** Only absolute http(s) links: a `javascript:` or relative URL in an email is a bug, so it fails loudly. */
function checkedUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("Email links must be absolute URLs");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw new Error("Email links must use http or https");
  return parsed.toString();
}

function footerLine(reason: string): string {
  return `This email was sent by ${SENDER_NAME}. ${reason}`;
}

function composeText(input: ComposeEmailInput, action: EmailLink | undefined, links: EmailLink[]): string {
  const blocks: string[] = [];
  if (input.greeting) blocks.push(input.greeting);
  blocks.push(...input.paragraphs.map((block) => (typeof block === "string" ? block : block.text)));
  if (action) blocks.push(`${action.label}:\n${action.url}`);
  blocks.push(input.signOff ?? DEFAULT_SIGN_OFF);
  const footer = [footerLine(input.reason), ...links.map((link) => `${link.label}: ${link.url}`)];
  // "-- " on its own line is the standard signature separator: mail clients can fold what follows.
  return `${blocks.join("\n\n")}\n\n-- \n${footer.join("\n")}\n`;
}

// Inline styles only (mail clients drop <style> and external CSS); colours match the site and pass WCAG AA.
const STYLE = {
  body: "margin:0;padding:24px;background:#ffffff;color:#1b1b1f;font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;font-size:17px;line-height:1.6;",
  main: "max-width:36em;margin:0 auto;",
  action:
    "display:inline-block;padding:12px 20px;background:#5b1a4a;color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:4px;",
  footer: "margin-top:32px;padding-top:16px;border-top:1px solid #b9b2b7;color:#4a4a52;font-size:15px;",
  link: "color:#5b1a4a;",
} as const;

function paragraph(text: string): string {
  // Line breaks the author typed (e.g. in a sign-off) are kept; everything else is escaped text.
  return `<p>${escapeHtml(text).replace(/\n/g, "<br>")}</p>`;
}

function composeHtml(input: ComposeEmailInput, action: EmailLink | undefined, links: EmailLink[]): string {
  const parts: string[] = [];
  if (input.greeting) parts.push(paragraph(input.greeting));
  parts.push(...input.paragraphs.map((block) => (typeof block === "string" ? paragraph(block) : block.html)));
  if (action) {
    const href = escapeHtml(action.url);
    parts.push(`<p><a href="${href}" style="${STYLE.action}">${escapeHtml(action.label)}</a></p>`);
    // The full address too: some readers copy links, and it shows where the button goes.
    parts.push(
      `<p>If the link does not work, copy this address into your browser:<br><span style="word-break:break-all;">${href}</span></p>`,
    );
  }
  parts.push(paragraph(input.signOff ?? DEFAULT_SIGN_OFF));
  const footerLinks = links.length
    ? `<ul style="padding-left:20px;">${links
        .map(
          (link) =>
            `<li><a href="${escapeHtml(link.url)}" style="${STYLE.link}">${escapeHtml(link.label)}</a></li>`,
        )
        .join("")}</ul>`
    : "";
  const footer = `<footer style="${STYLE.footer}"><p>${escapeHtml(footerLine(input.reason))}</p>${footerLinks}</footer>`;
  const title = escapeHtml(input.subject ?? DEFAULT_TITLE);
  return [
    "<!doctype html>",
    '<html lang="en-GB" dir="ltr">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head>`,
    `<body style="${STYLE.body}"><main style="${STYLE.main}">${parts.join("")}${footer}</main></body>`,
    "</html>",
  ].join("\n");
}

/** Builds the plain-text and HTML bodies of a campaign email. */
export function composeEmail(input: ComposeEmailInput): ComposedEmail {
  if (input.paragraphs.length === 0) throw new Error("An email needs at least one paragraph");
  if (!input.reason.trim()) throw new Error("An email must say why it was sent");
  const action = input.action && { label: input.action.label, url: checkedUrl(input.action.url) };
  const links = input.links.map((link) => ({ label: link.label, url: checkedUrl(link.url) }));
  return { text: composeText(input, action, links), html: composeHtml(input, action, links) };
}
