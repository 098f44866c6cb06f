import type { MetadataRoute } from "next";
import { env } from "@/lib/platform/env";

export default function robots(): MetadataRoute.Robots {
  return {
    // Confirmation and withdrawal links are personal: keep them out of search results.
    rules: { userAgent: "*", allow: "/", disallow: ["/admin", "/api/", "/pledge/confirm", "/pledge/manage"] },
    sitemap: new URL("/sitemap.xml", env.SITE_URL).toString(),
  };
}
