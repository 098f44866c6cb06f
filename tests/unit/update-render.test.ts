import { describe, expect, it } from "vitest";
import { composeUpdateEmail, renderUpdateBody, renderUpdateBodyForPage } from "@/lib/updates/render";
import { updateLinks } from "@/lib/updates/links";
import { verifyLinkToken } from "@/lib/security/link-tokens";

// What staff write becomes an email that cannot carry anything an update should not: raw HTML is shown as
// text, only web and email links are links, no images; and every reader can stop them in one click.

const links = {
  manageUrl: "https://site.example/pledge/manage/T",
  oneClickUrl: "https://site.example/api/pledge/unsubscribe?token=T",
};

describe("a campaign update's body", () => {
  it("turns Markdown into simple HTML and readable text", () => {
    const body = renderUpdateBody(
      "We met the **minister**.\n\n- one\n- two\n\nRead [the briefing](https://site.example/briefing).",
    );
    expect(body.html).toContain("<strong>minister</strong>");
    expect(body.html).toContain("<li>one</li>");
    expect(body.html).toContain(
      '<a href="https://site.example/briefing" style="color:#5b1a4a;">the briefing</a>',
    );
    expect(body.text).toContain("Read the briefing (https://site.example/briefing).");
  });

  it("shows raw HTML as text, and never makes a script, image or odd link", () => {
    const body = renderUpdateBody(
      '<script>alert(1)</script> <img src="https://tracker.example/p.gif">\n\n' +
        "[click](javascript:alert(1)) [data](data:text/html,hi) ![pixel](https://tracker.example/p.gif) " +
        "[mail us](mailto:team@site.example)",
    );
    expect(body.html).not.toMatch(/<script|<img|href="javascript|href="data/i);
    expect(body.html).toContain("&lt;script&gt;");
    expect(body.html).toContain('<a href="mailto:team@site.example"');
    expect(body.text).not.toContain("javascript:");
  });

  it("is shown on the admin page without inline styles (its CSP forbids them)", () => {
    const html = renderUpdateBodyForPage("See [this](https://site.example/).");
    expect(html).toBe('<p>See <a href="https://site.example/">this</a>.</p>');
  });
});

describe("a campaign update email", () => {
  const email = composeUpdateEmail("News", renderUpdateBody("Hello **all**."), { name: "Sam <b>" }, links);

  it("carries the one-click unsubscribe pair of RFC 8058", () => {
    expect(email.headers).toEqual({
      "List-Unsubscribe": "<https://site.example/api/pledge/unsubscribe?token=T>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("has the campaign's shape, the reader's name escaped, and a visible way to stop", () => {
    expect(email.subject).toBe("News");
    expect(email.text).toMatch(/^Dear Sam <b>,\n\nHello \*\*all\*\*\./);
    expect(email.text).toContain("Stop campaign emails: https://site.example/pledge/manage/T");
    expect(email.html).toContain("Dear Sam &lt;b&gt;,");
    expect(email.html).toContain("<strong>all</strong>");
    expect(email.html).toContain(
      '<a href="https://site.example/pledge/manage/T" style="color:#5b1a4a;">Stop campaign emails</a>',
    );
  });

  it("links to the reader's own signature with the manage token", () => {
    const secret = Buffer.alloc(32, 7);
    const id = "3f0f5a7e-2b1c-4d3e-8f9a-0b1c2d3e4f5a";
    const { manageUrl, oneClickUrl } = updateLinks(secret, "https://site.example", id);
    const token = new URL(oneClickUrl).searchParams.get("token")!;
    expect(oneClickUrl).toMatch(/^https:\/\/site\.example\/api\/pledge\/unsubscribe\?token=/);
    expect(manageUrl).toBe(`https://site.example/pledge/manage/${token}`);
    expect(verifyLinkToken(secret, "manage", token)?.signatureId).toBe(id);
  });
});
