/** NHS Scotland's 14 territorial health boards, as the form lists them. */
export const healthBoards = [
  "Ayrshire & Arran",
  "Borders",
  "Dumfries & Galloway",
  "Fife",
  "Forth Valley",
  "Grampian",
  "Greater Glasgow & Clyde",
  "Highland",
  "Lanarkshire",
  "Lothian",
  "Orkney",
  "Shetland",
  "Tayside",
  "Western Isles",
] as const;

export type HealthBoard = (typeof healthBoards)[number];
