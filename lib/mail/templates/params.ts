import type { EmailParams } from "@/lib/mail/types";

// Reading a row's parameters back. A missing or malformed value makes the row fail visibly (invalid),
// never a link built from garbage.

/** The stored JSON, or undefined when it is not a flat object of plain values. */
export function parseParams(stored: string | null): EmailParams | undefined {
  if (stored === null) return {};
  try {
    const value: unknown = JSON.parse(stored);
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const plain = Object.values(value).every(
      (item) => item === null || ["string", "number", "boolean"].includes(typeof item),
    );
    return plain ? (value as EmailParams) : undefined;
  } catch {
    return undefined;
  }
}

export function dateParam(params: EmailParams, name: string): Date | undefined {
  const value = params[name];
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function stringParam(params: EmailParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === "string" && value.length > 0 ? value : undefined;
}
