import { describe, expect, it } from "vitest";
import { composeEmail, escapeHtml } from "@/lib/mail/compose";

const base = {
  paragraphs: ["Thank you for signing."],
  reason: "You signed the Count Us In pledge with this address.",
  links: [
    { label: "Withdraw your signature", url: "https://example.org/manage?t=abc&x=1" },
    { label: "Stop campaign emails", url: "https://example.org/unsubscribe?t=abc" },
  ],
};

describe("a campaign email", () => {
  it("says who sent it and why, in both parts", () => {
    const { text, html } = composeEmail(base);
    for (const part of [text, html]) {
      expect(part).toContain("the Count Us In campaign");
      expect(part).toContain("You signed the Count Us In pledge with this address.");
    }
  });

  it("carries every link in full in the plain-text part", () => {
    const { text } = composeEmail({
      ...base,
      action: { label: "Confirm my signature", url: "https://example.org/confirm?t=xyz&n=2" },
    });
    expect(text).toContain("Confirm my signature:\nhttps://example.org/confirm?t=xyz&n=2");
    expect(text).toContain("Withdraw your signature: https://example.org/manage?t=abc&x=1");
    expect(text).toContain("Stop campaign emails: https://example.org/unsubscribe?t=abc");
    // The footer follows the standard signature separator, so mail clients can fold it.
    expect(text).toMatch(/\n-- \nThis email was sent by the Count Us In campaign\./);
  });

  it("escapes every value it puts into the HTML", () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    const { html, text } = composeEmail({
      subject: `Hello ${hostile}`,
      greeting: `Dear ${hostile},`,
      paragraphs: [hostile],
      action: { label: hostile, url: `https://example.org/?q="><img src=x onerror=alert(1)>` },
      reason: hostile,
      links: [{ label: hostile, url: "https://example.org/a?b=1&c=2" }],
      signOff: hostile,
    });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/"><img/);
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;");
    expect(html).toContain('href="https://example.org/a?b=1&amp;c=2"');
    // The plain-text part is not HTML: values appear as written.
    expect(text).toContain(hostile);
  });

  it("has no remote images, scripts or tracking", () => {
    const { html } = composeEmail({ ...base, action: { label: "Confirm", url: "https://example.org/c" } });
    expect(html).not.toMatch(/<img|<script|<link|<iframe|url\(/i);
    expect(html).toContain('<html lang="en-GB"');
    expect(html).toContain("<title>");
  });

  it("refuses links that are not absolute http(s) URLs", () => {
    expect(() => composeEmail({ ...base, action: { label: "x", url: "javascript:alert(1)" } })).toThrow(
      /http or https/,
    );
    expect(() => composeEmail({ ...base, links: [{ label: "x", url: "/relative" }] })).toThrow(/absolute/);
  });

  it("insists on a reason and some content", () => {
    expect(() => composeEmail({ ...base, reason: " " })).toThrow(/why/);
    expect(() => composeEmail({ ...base, paragraphs: [] })).toThrow(/paragraph/);
  });

  it("keeps line breaks the author typed, escaped", () => {
    const { html } = composeEmail({ ...base, signOff: "Thanks,\n<The team>" });
    expect(html).toContain("<p>Thanks,<br>&lt;The team&gt;</p>");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`&<>"'`)).toBe("&amp;&lt;&gt;&quot;&#39;");
    expect(escapeHtml("plain text")).toBe("plain text");
  });
});
