// What each step of the hourly clean-up (schedule.ts) does, in the words staff read on the dashboard.
// The step's own name stays beside it: it is what the server log says ("step": "…").

const labels: Record<string, string> = {
  unconfirmedSignatures: "delete signatures never confirmed",
  unconfirmedVolunteers: "delete volunteer details never confirmed",
  campaignUpdateCounts: "keep the counts of finished campaign updates",
  emailRecords: "delete old email delivery records",
  localEmailFiles: "delete old copies of emails (.eml files)",
  auditEvents: "trim the audit log",
  endedAllowedRanges: "remove ended allowed address ranges",
  expiredRateLimits: "delete expired rate-limit counters",
  stalePaperDrafts: "delete paper uploads never stored (over a day old)",
  confirmedSignatures: "delete confirmed signatures past their period",
  totalsRepaired: "recount the pledge totals",
};

export function sweepStepLabel(name: string): string {
  return labels[name] ?? name;
}
