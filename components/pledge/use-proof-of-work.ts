"use client";

import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";

// Solves the pledge's proof-of-work challenge (ALTCHA) in the background once the visitor first touches
// the page (a key, a tap, a click, focus), so a person never waits or clicks anything for it, and a visitor
// who only reads pays nothing for it: fetching the challenge and hashing on page load cost the pledge page
// its quiet main thread (Lighthouse's total blocking time, issue #11). A form submitted before any of that
// (filled by a password manager, say) starts the solving then and is held until it is done. The page itself
// stays the same for everyone (and so cacheable): the browser fetches the challenge. Without JavaScript
// nothing is solved and the sign-up counts against its network's free allowance instead
// (lib/pledge/admission.ts).
//
// The form as first sent comes without React (lib/platform/script-free-pages.mjs), and
// public/form-enhancements.js does this there; this hook serves the form wherever React draws it: the page
// a form post is answered with (its errors in place), or a client-side move from a page that keeps React.

/** What counts as the visitor starting to use the page: the first of these starts the solving. */
const firstUse = ["focusin", "pointerdown", "keydown", "input"] as const;

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
 * attempt (`round`). `holdSubmitUntilSolved` delays a submission made before the solution is ready (a
 * password manager fills a form in well under a second), starting the solving if nothing has yet, then
 * submits it.
 */
export function useProofOfWork(round: number) {
  // Tagged with its round: a solution from an earlier attempt was spent by that attempt.
  const [solved, setSolved] = useState({ round: -1, payload: "" });
  const solution = solved.round === round ? solved.payload : "";
  const solving = useRef<Promise<string> | null>(null);
  const startSolving = useRef<() => Promise<string>>(() => Promise.resolve(""));
  const waiting = useRef(false);
  // After the first attempt the visitor is plainly using the form: later rounds start at once.
  const inUse = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    solving.current = null;
    startSolving.current = () => {
      inUse.current = true;
      solving.current ??= solve(abort.signal)
        .catch(() => "")
        .then((payload) => {
          if (!abort.signal.aborted) setSolved({ round, payload });
          return payload;
        });
      return solving.current;
    };
    if (inUse.current) void startSolving.current();
    else
      for (const type of firstUse)
        document.addEventListener(type, () => void startSolving.current(), {
          capture: true,
          once: true,
          passive: true,
          signal: abort.signal,
        });
    return () => abort.abort();
  }, [round]);

  const holdSubmitUntilSolved = useCallback((event: FormEvent<HTMLFormElement>) => {
    const form = event.currentTarget;
    const field = form.elements.namedItem("altcha");
    // Solved already, nothing to wait for, or this is the resubmission: let it go.
    if (!(field instanceof HTMLInputElement) || field.value || waiting.current) {
      waiting.current = false;
      return;
    }
    event.preventDefault();
    waiting.current = true;
    const submitter = (event.nativeEvent as SubmitEvent).submitter;
    void startSolving.current().then(async (payload) => {
      field.value = payload;
      // Let React commit the solution before the form is sent again.
      await new Promise((resolve) => setTimeout(resolve, 0));
      form.requestSubmit(submitter instanceof HTMLElement ? submitter : undefined);
    });
  }, []);

  return { solution, holdSubmitUntilSolved };
}
