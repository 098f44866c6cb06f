import { useId } from "react";
import { shareTargets } from "@/components/share/share-targets";

/**
 * "Share this": plain links to each network's own share page, and the address in a field to copy. A
 * "Copy link" button is sent hidden and shown by public/copy-link.js where the browser can copy: a static
 * file, not React, because content pages are served without React (lib/platform/script-free-pages.mjs).
 * Nothing loads from the networks until someone follows a link.
 *
 * `scriptNonce`: a page rendered per request allows scripts by its nonce alone, so it passes it here;
 * cached pages allow our own files (`script-src 'self'`) and pass none.
 */
export function ShareLinks({
  url,
  text,
  heading = "Share this",
  scriptNonce,
}: {
  url: string;
  text: string;
  heading?: string;
  scriptNonce?: string;
}) {
  const id = useId();
  return (
    <section className="share-links" aria-labelledby={`${id}-heading`} data-testid="share-links">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ul className="share-links__list">
        {shareTargets(url, text).map((target) => (
          <li key={target.network}>
            <a href={target.href} rel="noopener noreferrer">
              Share by {target.network}
            </a>
          </li>
        ))}
      </ul>
      <div className="field">
        <label htmlFor={`${id}-url`}>Or copy the link</label>
        <input
          id={`${id}-url`}
          type="text"
          readOnly
          value={url}
          className="share-links__url"
          spellCheck={false}
        />
        {/* Shown by the script, maybe before React hydrates the page: not a mismatch to report. */}
        <button
          type="button"
          className="button button--secondary"
          data-copy-link={url}
          hidden
          suppressHydrationWarning
        >
          Copy link
        </button>
        <span role="status" className="share-links__status" data-copy-link-status="" />
        {/* async: React puts it in <head> once per page, and adds it itself after a client-side move. */}
        <script src="/copy-link.js" async data-keep="" nonce={scriptNonce} />
      </div>
    </section>
  );
}
