// A CRM wants a given name and a family name; signers type one "Full name". Guessing wrongly is worse
// than not guessing (a letter to "Dear Van" or to "Dear Nguyen" when Nguyen is the family name), so the
// rule is deliberately narrow: only two plain words in Latin letters are split, the first as the given
// name. Everything else stays whole, and the export says which rows were split, so the CRM team can
// leave the rest in a single field or sort them out by hand. The full name always goes with it: even a
// two-word split can be in the other order (Hungarian, or a name typed family-first).

export type NameParts =
  { split: true; full: string; given: string; family: string } | { split: false; full: string };

/** One word: Latin letters (accents included), with hyphens or apostrophes only between letters. */
const word = /^\p{Script=Latin}+(?:[-'’]\p{Script=Latin}+)*$/u;

/** Titles, which would otherwise be taken for a given name ("Dr Smith"). Compared without a full stop. */
const titles = new Set([
  "mr",
  "mrs",
  "ms",
  "miss",
  "mx",
  "dr",
  "prof",
  "professor",
  "sir",
  "dame",
  "lord",
  "lady",
  "rev",
  "revd",
  "fr",
  "sr",
  "jr",
  "cllr",
]);

/**
 * Words that start or join a family name ("van Dijk", "de la Cruz", "bin Salman", "Ní Bhriain"): a name
 * containing one is never split, since "Given Family" cannot be told from "Particle Family".
 */
const particles = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "di",
  "da",
  "dos",
  "das",
  "du",
  "la",
  "le",
  "st",
  "bin",
  "bint",
  "ibn",
  "al",
  "el",
  "ap",
  "ab",
  "mac",
  "mc",
  "ní",
  "nic",
  "ó",
  "ua",
]);

/**
 * "Given Family" when the name is exactly two words of letters (hyphens and apostrophes allowed inside
 * a word), neither a lone initial, a title or a particle; otherwise the name whole, unsplit.
 */
export function nameParts(name: string): NameParts {
  const full = name.trim().replace(/\s+/g, " ");
  const words = full.split(" ");
  if (words.length !== 2) return { split: false, full };
  const [given, family] = words as [string, string];
  const plain = (w: string) =>
    word.test(w) && w.length > 1 && !titles.has(w.toLowerCase()) && !particles.has(w.toLowerCase());
  if (!plain(given) || !plain(family)) return { split: false, full };
  return { split: true, full, given, family };
}
