/**
 * The form of an email address that decides "one signature per person". Two addresses that reach the
 * same mailbox must get the same key, or one person could be counted many times:
 *  - case and surrounding spaces never matter;
 *  - "+tag" sub-addresses are dropped for every domain (nearly every provider delivers them to the same
 *    mailbox; the rare two people who differ only by a +tag share a key, and the second is told
 *    "you have already signed" by email: a small cost for a count that cannot be inflated);
 *  - dots in the local part are dropped only for Gmail, which ignores them (elsewhere they matter),
 *    and googlemail.com is Gmail.
 */
export function emailKey(email: string): string {
  const address = email.trim().toLowerCase();
  const at = address.lastIndexOf("@");
  if (at < 1) return address;
  let local = address.slice(0, at);
  let domain = address.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replaceAll(".", "");
  return `${local}@${domain}`;
}
