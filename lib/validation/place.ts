import { z } from "zod";
import { isOtherCountryCode } from "@/lib/values/countries";

// Where a signer lives, as the pledge form asks it and the paper forms record it: a nation, and a country
// only for people outside the UK (GB for the four nations). One rule for the online form and for paper
// pledges (lib/validation/admin/paper.ts), with messages for whoever fills the form in: the signer ("you")
// or staff typing in someone's form ("they").

/** The country as sent: only read when the nation is "other", and checked by `checkCountry`. */
export const countryField = z
  .unknown()
  .optional()
  .transform((value) => (typeof value === "string" ? value.slice(0, 100).trim().toUpperCase() : ""));

type Whose = "you" | "they";

/** A country is asked only of people outside the UK; run it even when other fields fail (`when`). */
export const checkCountry =
  (whose: Whose) =>
  (input: { nation?: string; country: string }, ctx: z.RefinementCtx): void => {
    if (input.nation !== "other") return;
    if (!input.country)
      ctx.addIssue({ code: "custom", path: ["country"], message: `Select the country ${whose} live in` });
    else if (!isOtherCountryCode(input.country))
      ctx.addIssue({ code: "custom", path: ["country"], message: "Select a country from the list" });
  };

/** GB for the four nations; the chosen country for everyone else. */
export const withPlace = <T extends { nation: string; country: string }>({ country, ...rest }: T) => ({
  ...rest,
  country: rest.nation === "other" ? country : "GB",
});
