import type { PaperOutcome } from "@/lib/paper/check";

export const outcomeLabels: Record<PaperOutcome, string> = {
  new: "New signature",
  "paper-only": "New signature, paper only (no email)",
  "already-signed": "Already signed: skipped",
  repeated: "Repeated in this file: skipped",
};

export const batchStatusLabels: Record<string, string> = {
  draft: "Waiting for you to check it",
  stored: "Stored",
  undone: "Undone",
  discarded: "Discarded",
};

export const batchKindLabels: Record<string, string> = { upload: "Upload", typed: "Typed in" };
