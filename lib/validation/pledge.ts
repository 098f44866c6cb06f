import { z } from "zod";
import { isOtherCountryCode } from "@/lib/geo/countries";
import { nationValues } from "@/lib/geo/nations";
import { checkbox, emailAddress, personName } from "./fields";

/**
 * The pledge form, as sent by the HTML form, the server action and the JSON API alike.
 * `website` is a honeypot and `formToken` records when the form was shown: neither is an error
 * to a person, both are signals the sign-up flow uses to set suspected abuse aside.
 */
export const signPledgeSchema = z
  .object({
    name: personName,
    email: emailAddress,
    nation: z.enum(nationValues, { error: "Select where you live" }),
    country: z.string().trim().toUpperCase().max(2).optional().default(""),
    campaignEmails: checkbox,
    website: z.string().max(500).optional().default(""),
    formToken: z.string().max(200).optional().default(""),
  })
  .superRefine((input, ctx) => {
    if (input.nation !== "other") return;
    if (!input.country)
      ctx.addIssue({ code: "custom", path: ["country"], message: "Select the country you live in" });
    else if (!isOtherCountryCode(input.country)) {
      ctx.addIssue({ code: "custom", path: ["country"], message: "Select a country from the list" });
    }
  })
  .transform(({ country, ...rest }) => ({ ...rest, country: rest.nation === "other" ? country : "GB" }));

export type SignPledgeInput = z.infer<typeof signPledgeSchema>;
export type SignPledgeField = "name" | "email" | "nation" | "country" | "campaignEmails";

/** An email address alone: for "send me a new link". */
export const emailOnlySchema = z.object({ email: emailAddress });
