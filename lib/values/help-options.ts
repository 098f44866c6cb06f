/** Ways a volunteer can help. Stored by value; the labels are what the form and staff see. */
export const helpOptions = [
  { value: "media", label: "Share my story with the media" },
  { value: "msp", label: "Contact or meet my MSP (Member of the Scottish Parliament)" },
  { value: "events", label: "Speak at events" },
  { value: "social", label: "Help on social media" },
  { value: "consultations", label: "Take part in consultations" },
] as const;

export type HelpOption = (typeof helpOptions)[number]["value"];
export const helpValues = helpOptions.map((o) => o.value) as [HelpOption, ...HelpOption[]];

export const contactOptions = [
  { value: "email", label: "Email" },
  { value: "phone", label: "Phone" },
] as const;
