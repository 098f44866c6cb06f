import net from "node:net";

export type IpRange = { address: string; prefix: number; family: "ipv4" | "ipv6" };

/**
 * Parses "192.0.2.0/24", "2001:db8::/48" or a single address. Ranges wider than /8 (IPv4) or /16 (IPv6)
 * are refused: allowing a continent to sign without limit is never what staff meant.
 */
export function parseIpRange(text: string): IpRange | undefined {
  const [address = "", prefixText, extra] = text.trim().split("/");
  if (extra !== undefined) return undefined;
  const version = net.isIP(address);
  if (version === 0) return undefined;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < (version === 4 ? 8 : 16) || prefix > max) return undefined;
  return { address, prefix, family: version === 4 ? "ipv4" : "ipv6" };
}
