// The columns of a paper pledges CSV, as the template writes them. Headings are matched ignoring case,
// spaces and punctuation ("E-mail", "campaign_emails" and "CAMPAIGN EMAILS" all match), with a few names
// people commonly use for the same thing.

export const paperColumns = [
  { key: "name", heading: "Name", required: true, aliases: ["fullname", "yourname"] },
  { key: "email", heading: "Email", required: true, aliases: ["emailaddress"] },
  { key: "nation", heading: "Nation", required: true, aliases: ["wheredoyoulive", "livesin"] },
  { key: "country", heading: "Country", required: false, aliases: [] },
  {
    key: "campaignEmails",
    heading: "Campaign emails",
    required: true,
    aliases: ["campaignemail", "emailsaboutthecampaign"],
  },
] as const;

export type PaperColumn = (typeof paperColumns)[number]["key"];

export const columnHeading = (key: string): string =>
  paperColumns.find((column) => column.key === key)?.heading ?? key;

const simplified = (heading: string) => heading.toLowerCase().replace(/[^a-z]/g, "");

/** Which of our columns a heading names, if any. */
export function columnFor(heading: string): PaperColumn | undefined {
  const plain = simplified(heading);
  return paperColumns.find(
    (column) => simplified(column.heading) === plain || (column.aliases as readonly string[]).includes(plain),
  )?.key;
}

/** The template's first line, and one example row (a made-up person at a made-up address). */
export const templateCsv = [
  paperColumns.map((column) => column.heading).join(","),
  "Alex Example,alex@example.org,England,,yes",
].join("\r\n");
