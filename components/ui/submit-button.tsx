"use client";

import { useFormStatus } from "react-dom";

/** Disabled while sending (with JavaScript) so a double click cannot send twice. */
export function SubmitButton({ children }: { children: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button button--primary" disabled={pending} aria-disabled={pending}>
      {pending ? "Sending…" : children}
    </button>
  );
}
