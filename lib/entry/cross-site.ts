// Staff route handlers that change something (the paper upload) are posted by our own forms only. The
// staff session cookie is SameSite=Lax, so a post from another site already arrives signed out; this is
// the second lock, the check Next.js makes for server actions: a browser says where a request came from
// (Sec-Fetch-Site, or failing that Origin), and a write from another site is refused before anything runs.

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** True when a browser says this write came from another site (or another origin on ours). */
export function isCrossSiteWrite(request: Request): boolean {
  if (READS.has(request.method.toUpperCase())) return false;
  const site = request.headers.get("sec-fetch-site");
  // "none": typed or bookmarked by the user; "same-origin": our own page.
  if (site) return site !== "same-origin" && site !== "none";
  const origin = request.headers.get("origin");
  if (!origin) return false; // not a browser form post (a script with a session cookie would need one)
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true; // "null" (a sandboxed frame, a data: page) or garbage
  }
  const hosts = [request.headers.get("x-forwarded-host"), request.headers.get("host")].filter(Boolean);
  return !hosts.includes(originHost);
}
