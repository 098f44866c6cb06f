// Facts about the site itself, used by metadata, the sitemap and the feed.
export const site = {
  name: "Count Us In",
  tagline: "Count everyone living with secondary breast cancer",
  description:
    "Nobody knows how many people in the UK live with secondary breast cancer. Count Us In asks every government to count them.",
  locale: "en_GB",
} as const;

export const mainNavigation = [
  { href: "/", label: "Home" },
  { href: "/blog", label: "Blog" },
  { href: "/audits", label: "Audit summaries" },
  { href: "/scotland", label: "Scotland" },
  { href: "/pledge", label: "Sign the pledge" },
] as const;

export const footerNavigation = [
  { href: "/privacy", label: "Privacy notice" },
  { href: "/accessibility", label: "Accessibility statement" },
  { href: "/blog/feed.xml", label: "Blog feed (RSS)" },
] as const;
