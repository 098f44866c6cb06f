// Where a "share" link goes: each network's own page for writing a post, given the address and a line
// of text in the link itself. Plain links: no script of theirs on our pages, no tracker, no cookie. They
// learn what was shared only when the person chooses to follow the link.

export type ShareTarget = { network: string; href: string };

export function shareTargets(url: string, text: string): ShareTarget[] {
  const u = encodeURIComponent(url);
  const t = encodeURIComponent(text);
  const both = encodeURIComponent(`${text} ${url}`);
  return [
    { network: "Email", href: `mailto:?subject=${t}&body=${both}` },
    { network: "WhatsApp", href: `https://wa.me/?text=${both}` },
    { network: "Bluesky", href: `https://bsky.app/intent/compose?text=${both}` },
    { network: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { network: "X", href: `https://x.com/intent/tweet?text=${t}&url=${u}` },
    { network: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
  ];
}
