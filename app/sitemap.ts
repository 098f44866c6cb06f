import type { MetadataRoute } from "next";
import { entryHref, listAudits, listBlogPosts } from "@/lib/content";
import { env } from "@/lib/platform/env";

const staticPaths = [
  "/",
  "/pledge",
  "/blog",
  "/audits",
  "/scotland",
  "/scotland/volunteer",
  "/get-involved",
  "/about",
  "/partners",
  "/faq",
  "/support",
  "/briefing",
  "/privacy",
  "/accessibility",
  "/embed",
];

export default function sitemap(): MetadataRoute.Sitemap {
  const entries = [...listBlogPosts(), ...listAudits()].map((entry) => ({
    url: new URL(entryHref(entry), env.SITE_URL).toString(),
    lastModified: entry.frontmatter.updated ?? entry.frontmatter.published,
  }));
  return [...staticPaths.map((path) => ({ url: new URL(path, env.SITE_URL).toString() })), ...entries];
}
