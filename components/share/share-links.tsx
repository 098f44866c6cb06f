import { useId } from "react";
import { CopyLinkButton } from "@/components/share/copy-link-button";
import { shareTargets } from "@/components/share/share-targets";

/**
 * "Share this": plain links to each network's own share page, and the address in a field to copy (a
 * button copies it when JavaScript runs). Nothing loads from the networks until someone follows a link.
 */
export function ShareLinks({
  url,
  text,
  heading = "Share this",
}: {
  url: string;
  text: string;
  heading?: string;
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
        <CopyLinkButton url={url} />
      </div>
    </section>
  );
}
