import type { ReactNode } from "react";

/** A short page with a heading and a few paragraphs: confirmations, results, next steps. */
export function SimplePage({
  title,
  lede,
  children,
}: {
  title: string;
  lede?: string;
  children?: ReactNode;
}) {
  return (
    <div className="article">
      <header className="article__header">
        <h1>{title}</h1>
        {lede && <p className="article__lede">{lede}</p>}
      </header>
      {children}
    </div>
  );
}
