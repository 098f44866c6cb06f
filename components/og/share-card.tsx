import { ImageResponse } from "next/og";
import { site } from "@/lib/site";

export const shareCardSize = { width: 1200, height: 630 };

/** The picture shown when a page is shared: the page's own title on the campaign's colours. */
export function renderShareCard({ title, kicker }: { title: string; kicker?: string }) {
  return new ImageResponse(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        justifyContent: "space-between",
        padding: "72px",
        background: "#5b1a4a",
        color: "#ffffff",
      }}
    >
      <div style={{ fontSize: 36, display: "flex" }}>{kicker ?? site.tagline}</div>
      <div style={{ fontSize: title.length > 60 ? 60 : 76, lineHeight: 1.1, display: "flex" }}>{title}</div>
      <div style={{ fontSize: 40, display: "flex", color: "#ffd6ec" }}>{site.name}</div>
    </div>,
    shareCardSize,
  );
}
