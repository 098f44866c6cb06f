/** How an update's status reads to staff. */
export const updateStatusLabels: Record<string, string> = {
  draft: "Draft",
  sending: "Sending",
  sent: "Sent",
  cancelled: "Stopped",
};
