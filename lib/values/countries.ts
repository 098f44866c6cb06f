import countries from "i18n-iso-countries";
import english from "i18n-iso-countries/langs/en.json";

countries.registerLocale(english);

/**
 * Every ISO 3166-1 country except the United Kingdom, which the pledge form asks about by nation instead.
 * Sorted by English name for the drop-down.
 */
export const otherCountries: readonly { code: string; name: string }[] = Object.entries(
  countries.getNames("en", { select: "official" }),
)
  .filter(([code]) => code !== "GB")
  .map(([code, name]) => ({ code, name }))
  .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));

const codes = new Set(otherCountries.map((c) => c.code));

export function isOtherCountryCode(code: string): boolean {
  return codes.has(code);
}

export function countryName(code: string): string {
  return countries.getName(code, "en", { select: "official" }) ?? code;
}
