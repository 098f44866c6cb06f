/** Where a supporter lives: one of the four UK nations, or elsewhere (then a country is asked for). */
export const ukNations = [
  { value: "england", label: "England" },
  { value: "scotland", label: "Scotland" },
  { value: "wales", label: "Wales" },
  { value: "northern-ireland", label: "Northern Ireland" },
] as const;

export const nationValues = ["england", "scotland", "wales", "northern-ireland", "other"] as const;
export type Nation = (typeof nationValues)[number];

export function nationLabel(nation: Nation): string {
  return ukNations.find((n) => n.value === nation)?.label ?? "Outside the UK";
}
