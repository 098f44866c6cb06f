import { describe, expect, it } from "vitest";
import { renderRss } from "@/lib/content/rss";
import { formatDate } from "@/lib/format/date";
import type { Entry } from "@/lib/content";

describe("formatting dates", () => {
  it("writes days, months and years the British way", () => {
    expect(formatDate("2026-02-04")).toBe("4 February 2026");
    expect(formatDate("2024-10")).toBe("October 2024");
    expect(formatDate("2022")).toBe("2022");
    expect(formatDate("2019-10/2022-09")).toBe("October 2019 to September 2022");
  });
});

describe("the blog feed", () => {
  const post = {
    collection: "blog",
    slug: "a-post",
    file: "blog/a-post.mdx",
    body: "",
    frontmatter: {
      title: "Counting <everyone> & why",
      description: 'Why "counting" matters',
      published: "2026-11-25",
      reviewed: "2026-11-30",
      author: "Team",
      sources: [],
      figures: [],
      related: [],
    },
  } satisfies Entry<"blog">;

  it("lists each post with an absolute link and escapes its text", () => {
    const xml = renderRss({
      title: "Blog",
      description: "News",
      siteUrl: "https://example.org",
      posts: [post],
    });
    expect(xml).toContain("<title>Counting &lt;everyone&gt; &amp; why</title>");
    expect(xml).toContain("<link>https://example.org/blog/a-post</link>");
    expect(xml).toContain("<description>Why &quot;counting&quot; matters</description>");
    expect(xml).toContain("<pubDate>Wed, 25 Nov 2026 09:00:00 GMT</pubDate>");
  });
});
