"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

// Solves the pledge's proof-of-work challenge (ALTCHA) in the background as soon as the form appears,
// so a person never waits or clicks anything for it. The page itself stays the same for everyone (and so
// cacheable): the browser fetches the challenge. Without JavaScript nothing is solved and the sign-up
// counts against its network's free allowance instead (lib/pledge/admission.ts).

async function solve(signal: AbortSignal): Promise<string> {
  const response = await fetch("/api/pledge/challenge", { cache: "no-store", signal });
  if (!response.ok) return "";
  const challenge = await response.json();
  // Loaded only in the browser, after the page: keeps the page's own script small.
  const [{ solveChallenge }, { deriveKey }] = await Promise.all([
    import("altcha-lib"),
    import("altcha-lib/algorithms/web/sha"),
  ]);
  const controller = new AbortController();
  signal.addEventListener("abort", () => controller.abort());
  const solution = await solveChallenge({ challenge, deriveKey, controller, timeout: 30_000 });
  return solution ? btoa(JSON.stringify({ challenge, solution })) : "";
}

/**
 * `solution` goes in a hidden field. One solution admits one sign-up, so a new one is solved for every
 * attempt (`round`). `holdSubmitUntilSolved` delays a submission made in the first moments (a password
 * manager fills a form in well under a second) until the solution is ready, then submits it.
 */
export function useProofOfWork(round: number) {
  // Tagged with its round: a solution from an earlier attempt was spent by that attempt.
  const [solved, setSolved] = useState({ round: -1, payload: "" });
  const solution = solved.round === round ? solved.payload : "";
  const solving = useRef<Promise<string> | null>(null);
  const waiting = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    solving.current = solve(abort.signal)
      .catch(() => "")
      .then((payload) => {
        if (!abort.signal.aborted) setSolved({ round, payload });
        return payload;
      });
    return () => abort.abort();
  }, [round]);

  const holdSubmitUntilSolved = useCallback((event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const field = form.elements.namedItem("altcha");
    // Solved already, nothing to wait for, or this is the resubmission: let it go.
    if (!(field instanceof HTMLInputElement) || field.value || !solving.current || waiting.current) {
      waiting.current = false;
      return;
    }
    event.preventDefault();
    waiting.current = true;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void solving.current.then(async (payload) => {
      field.value = payload;
      // Let React commit the solution before the form is sent again.
      await new Promise((resolve) => setTimeout(resolve, 0));
      form.requestSubmit(submitter instanceof HTMLElement ? submitter : undefined);
    });
  }, []);

  return { solution, holdSubmitUntilSolved };
}
