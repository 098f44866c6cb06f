"use client";

import { useEffect, useState } from "react";
import type { UpdateProgress } from "@/lib/updates/progress";

const POLL_MS = 5_000;

const n = (value: number) => value.toLocaleString("en-GB");

function summary(progress: UpdateProgress): string {
  if (progress.finished) return `Finished: sent to ${n(progress.sent)} of ${n(progress.recipients)}.`;
  return `Sending: ${n(progress.sent)} of ${n(progress.recipients)} sent, ${n(progress.queued)} waiting.`;
}

/**
 * An update's progress by outbox status. The server renders it, and a Refresh link reloads it without
 * JavaScript; with JavaScript it asks for fresh counts every few seconds while it sends, and the summary
 * line is announced politely (no more often than it changes).
 */
export function UpdateProgressView({ id, initial }: { id: string; initial: UpdateProgress }) {
  const [progress, setProgress] = useState(initial);

  useEffect(() => {
    if (progress.finished) return;
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/admin/updates/${id}/progress`, { cache: "no-store" });
        if (response.ok) setProgress((await response.json()) as UpdateProgress);
      } catch {
        // Offline for a moment: the next tick, or the Refresh link, tries again.
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [id, progress]);

  const rows: [string, number][] = [
    ["Waiting to be sent", progress.queued],
    ["Sent", progress.sent],
    ["Not sent: they stopped campaign emails, withdrew or were erased", progress.notSent],
    ["Not sent: stopped by staff", progress.stopped],
    ["Failed (see Emails)", progress.failed],
  ];
  return (
    <>
      <p aria-live="polite" role="status">
        {summary(progress)}
      </p>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Emails of this update, by what happened to them</caption>
          <thead>
            <tr>
              <th scope="col">Emails</th>
              <th scope="col">How many</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, count]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{n(count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Queued when sent</th>
              <td>{n(progress.recipients)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
