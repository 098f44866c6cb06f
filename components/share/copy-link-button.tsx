"use client";

import { useState, useSyncExternalStore } from "react";

const subscribe = () => () => {};

/**
 * With JavaScript and a clipboard, a button that copies the link. Without them it is not drawn at all:
 * the selectable field beside it is the way to copy.
 */
export function CopyLinkButton({ url }: { url: string }) {
  const canCopy = useSyncExternalStore(
    subscribe,
    () => typeof navigator !== "undefined" && Boolean(navigator.clipboard),
    () => false,
  );
  const [status, setStatus] = useState("");
  if (!canCopy) return null;
  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        onClick={() =>
          navigator.clipboard.writeText(url).then(
            () => setStatus("Link copied."),
            () => setStatus("Could not copy: select the link above and copy it."),
          )
        }
      >
        Copy link
      </button>
      <span role="status" className="share-links__status">
        {status}
      </span>
    </>
  );
}
