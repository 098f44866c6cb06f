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
  { href: "/get-involved", label: "Get involved" },
  { href: "/pledge", label: "Sign the pledge" },
] as const;

// The main navigation stays short; everything else a visitor may look for is one step away, in the footer.
export const footerNavigation = [
  { href: "/about", label: "About us" },
  { href: "/partners", label: "Our partners" },
  { href: "/faq", label: "Questions and answers" },
  { href: "/support", label: "Where to get support" },
  { href: "/briefing", label: "Briefing for politicians" },
  { href: "/privacy", label: "Privacy notice" },
  { href: "/accessibility", label: "Accessibility statement" },
  { href: "/blog/feed.xml", label: "Blog feed (RSS)" },
] as const;
