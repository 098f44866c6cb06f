"use client";

import { useEffect, useRef } from "react";

type ErrorSummaryProps = { errors: Partial<Record<string, string>>; fieldIds: Record<string, string> };

/**
 * GOV.UK-style error summary: a list of what to fix, each linking to its field. With JavaScript it takes
 * focus when it appears so screen-reader users hear it at once; without, it is the first thing on the page.
 */
export function ErrorSummary({ errors, fieldIds }: ErrorSummaryProps) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors).filter((entry): entry is [string, string] => Boolean(entry[1]));
  const signature = entries.map(([field, message]) => `${field}:${message}`).join("|");

  useEffect(() => {
    if (signature) ref.current?.focus();
  }, [signature]);

  if (entries.length === 0) return null;
  return (
    <div className="error-summary" ref={ref} tabIndex={-1} role="alert" aria-labelledby="error-summary-title">
      <h2 id="error-summary-title" className="error-summary__title">
        There is a problem
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldIds[field] ?? field}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
