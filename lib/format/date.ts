// Dates in content are plain strings (YYYY, YYYY-MM or YYYY-MM-DD); show them the British way, in UTC,
// so the server's timezone can never move a date by a day.
const day = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});
const month = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });

export function formatDate(value: string): string {
  const [from, to] = value.split("/");
  if (to) return `${formatDate(from!)} to ${formatDate(to)}`;
  if (/^\d{4}$/.test(value)) return value;
  if (/^\d{4}-\d{2}$/.test(value)) return month.format(new Date(`${value}-01T00:00:00Z`));
  return day.format(new Date(`${value}T00:00:00Z`));
}
