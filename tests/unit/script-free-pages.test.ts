import { describe, expect, it } from "vitest";
import { isScriptFreePage, stripNextRuntime } from "@/lib/platform/script-free-pages.mjs";

// Which pages leave the production server without Next.js's runtime, and what is taken out of them
// (lib/platform/script-free-pages.mjs). The page below has the shapes of a real prerendered blog post
// (.next/server/app/blog/<slug>.html under Next.js 16 with Turbopack), shortened.

const head =
  `<meta charSet="utf-8"/><meta name="viewport" content="width=device-width, initial-scale=1"/>` +
  `<link rel="stylesheet" href="/_next/static/chunks/28d_0ef2eiop7.css" data-precedence="next"/>` +
  `<link rel="preload" href="/_next/static/media/font.woff2" as="font" type="font/woff2" crossorigin=""/>` +
  `<title>Count Us In goes global | Count Us In</title>` +
  `<link rel="canonical" href="http://localhost:3000/blog/count-us-in-goes-global"/>` +
  `<link rel="alternate" type="application/rss+xml" href="http://localhost:3000/blog/feed.xml" title="Count Us In blog"/>`;
const body =
  `<a class="skip-link" href="#main">Skip to content</a><main id="main"><h1>Count Us In goes global</h1>` +
  `<p>Type &lt;script&gt; in a post and it stays text.</p>` +
  `<button type="button" class="button button--secondary" data-copy-link="http://localhost:3000/blog/x" hidden="">Copy link</button>` +
  `<span role="status" class="share-links__status" data-copy-link-status=""></span></main>`;
const structuredData = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Article"}</script>`;
const copyLinkScript = `<script src="/copy-link.js" async="" data-keep=""></script>`;

const nextRuntimeInHead =
  `<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/2k2q9hvxj_c1z.js"/>` +
  `<link rel="modulepreload" href="/_next/static/chunks/module.js"/>` +
  `<script src="/_next/static/chunks/35_bubuz-hkbt.js" async=""></script>` +
  `<script src="/_next/static/chunks/turbopack-077hmtqrhcoji.js" async=""></script>`;
const nextRuntimeInBody =
  `<script src="/_next/static/chunks/0cz1d0mv5g_q7.js" noModule=""></script>` +
  `<script id="_R_">(globalThis["TURBOPACK"] || (globalThis["TURBOPACK"] = [])).push({"otherChunks":["static/chunks/2k2q9hvxj_c1z.js"],"runtimeModuleIds":[94553]});</script>` +
  `<script src="/_next/static/chunks/2k2q9hvxj_c1z.js" async=""></script>` +
  `<script>(self.__next_f=self.__next_f||[]).push([0])</script>` +
  `<script>self.__next_f.push([1,"1:\\"$Sreact.fragment\\"\\n2:I[22016,[],\\"\\u003cscript\\u003e\\"]\\n"])</script>` +
  `<script nonce="abc">self.__next_f.push([1,"2:[\\"$\\",\\"p\\",null,{}]\\n"])</script>`;

const page = (headExtra: string, bodyExtra: string) =>
  `<!DOCTYPE html><html lang="en-GB"><head>${head}${headExtra}</head><body>${body}${bodyExtra}</body></html>`;

describe("stripNextRuntime", () => {
  it("takes out every script and script preload of Next.js, and nothing else", () => {
    const withRuntime = page(copyLinkScript + nextRuntimeInHead + structuredData, nextRuntimeInBody);
    expect(stripNextRuntime(withRuntime)).toBe(page(copyLinkScript + structuredData, ""));
  });

  it("keeps structured data and scripts marked data-keep, however their attributes are written", () => {
    const kept = [
      `<script type='application/ld+json'>{}</script>`,
      `<script TYPE="Application/LD+JSON" id="x">{}</script>`,
      `<script data-keep src="/copy-link.js" defer></script>`,
    ].join("");
    expect(stripNextRuntime(page(kept, ""))).toBe(page(kept, ""));
  });

  it("removes scripts whatever their case or closing tag, and module preloads in any rel order", () => {
    const html = page(
      `<SCRIPT src="/a.js"></SCRIPT ><script type="module">import "/b.js"</script>` +
        `<link as="script" href="/c.js" rel="preload"><link rel="modulepreload prefetch" href="/d.js">`,
      `<script type="application/json">{"data-keep": true}</script>`,
    );
    expect(stripNextRuntime(html)).toBe(page("", ""));
  });

  it("gives back a page without Next.js's scripts unchanged", () => {
    const plain = page(structuredData, "");
    expect(stripNextRuntime(plain)).toBe(plain);
    expect(stripNextRuntime(stripNextRuntime(page("", nextRuntimeInBody)))).toBe(page("", ""));
  });
});

describe("stripNextRuntime on a sign-up form's page", () => {
  const form = `<form action="" method="POST"><input type="hidden" name="altcha" value=""/></form>`;
  const formPage = (extra: string) =>
    `<!DOCTYPE html><html><head>${head}</head><body>${form}${extra}</body></html>`;
  const enhancements = (nonce?: string) =>
    `<script src="/form-enhancements.js" defer="" data-keep=""${nonce ? ` nonce="${nonce}"` : ""}></script>`;

  it("puts the forms' own small script in place of React, once", () => {
    const stripped = stripNextRuntime(formPage(nextRuntimeInHead));
    expect(stripped).toBe(formPage(enhancements()));
    expect(stripNextRuntime(stripped), "stripped again: the same page").toBe(stripped);
  });

  it("gives it the nonce Next.js's scripts carried, for a page rendered per request", () => {
    const nonce = "EVm/t+SKwl8lvCV+KdgXSw==";
    const runtime = `<script src="/_next/static/chunks/a.js" async="" nonce="${nonce}"></script>`;
    expect(stripNextRuntime(formPage(runtime))).toBe(formPage(enhancements(nonce)));
  });

  it("never copies a nonce that could break out of its attribute", () => {
    const runtime = `<script nonce='a"><img src=x>'>1</script>`;
    expect(stripNextRuntime(formPage(runtime))).toBe(formPage(enhancements()));
  });

  it("adds nothing to a page without a sign-up form", () => {
    expect(stripNextRuntime(page("", nextRuntimeInBody))).not.toContain("form-enhancements");
  });
});

describe("isScriptFreePage", () => {
  it.each([
    "/",
    "/about",
    "/accessibility",
    "/audits",
    "/audits/naome-state-of-the-nation-2025",
    "/blog",
    "/blog/count-us-in-goes-global",
    "/briefing",
    "/embed",
    "/faq",
    "/get-involved",
    "/partners",
    "/privacy",
    "/scotland",
    "/support",
    // The sign-up forms: their enhancements come from public/form-enhancements.js.
    "/pledge",
    "/pledge/from/bcna",
    "/pledge?ref=bcna",
    "/scotland/volunteer",
    // The journeys' pages that say what happens next.
    "/pledge/check-email",
    "/pledge/received",
    "/pledge/confirmed",
    "/pledge/withdrawn",
    "/scotland/volunteer/check-email",
    "/scotland/volunteer/thank-you",
    "/scotland/volunteer/withdrawn",
    "/blog?utm_source=newsletter",
    "/?ref=x",
  ])("%s is sent without Next.js's scripts", (path) => {
    expect(isScriptFreePage(path)).toBe(true);
  });

  it.each([
    // Other forms and client components need React.
    "/pledge/confirm/abc.def",
    "/pledge/manage/abc.def",
    "/scotland/volunteer/confirm/abc.def",
    "/scotland/volunteer/manage/abc.def",
    "/admin",
    "/admin/sign-in",
    "/embed/counter",
    // Not a page of a section, and not the same address.
    "/blog/count-us-in-goes-global/opengraph-image",
    "/pledge/opengraph-image",
    "/pledge/from/",
    "/pledge/from/bcna/opengraph-image",
    "/blog/",
    "/about/",
    "/faq.html",
    "/aboutus",
    "/api/pledge/count",
    "",
    undefined,
  ])("%s keeps Next.js's scripts", (path) => {
    expect(isScriptFreePage(path)).toBe(false);
  });
});
