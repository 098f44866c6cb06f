import { z } from "zod";
import { parseIpRange } from "@/lib/security/ip-range";
import { ALLOWED_RANGE_MAX_HOURS, PLEDGE_FREE_ALLOWANCE_MAX } from "@/lib/security/limits";

// The staff forms at /admin/signing: held sign-ups, the free allowance, allowed address ranges.

export const heldReasons = ["over-allowance", "honeypot"] as const;

export const heldActionSchema = z.object({
  action: z.enum(["release", "discard"], { error: "Choose release or discard" }),
  reason: z
    .enum(heldReasons)
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** A network's keyed hash, as listed on the page. */
  network: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]*$/)
    .optional()
    .transform((value) => value || undefined),
});

export const freeAllowanceSchema = z.object({
  freePerAddressPerHour: z.coerce
    .number({ error: "Enter a whole number" })
    .int("Enter a whole number")
    .min(1, "Allow at least 1 an hour")
    .max(PLEDGE_FREE_ALLOWANCE_MAX, `Enter ${PLEDGE_FREE_ALLOWANCE_MAX.toLocaleString("en-GB")} or fewer`),
});

export const allowRangeSchema = z.object({
  cidr: z
    .string({ error: "Enter an address range" })
    .trim()
    .min(1, "Enter an address range, like 192.0.2.0/24")
    .max(60, { error: "Enter an address range, like 192.0.2.0/24", abort: true })
    .refine((value) => parseIpRange(value) !== undefined, {
      message: "Enter an IPv4 range no wider than /8 or an IPv6 range no wider than /16, like 192.0.2.0/24",
    }),
  note: z
    .string({ error: "Say what the range is for" })
    .trim()
    .min(1, "Say what the range is for, like “Conference, Glasgow”")
    .max(200, "Keep it to 200 characters or fewer"),
  hours: z.coerce
    .number({ error: "Enter a number of hours" })
    .int("Enter a whole number of hours")
    .min(1, "Allow it for at least 1 hour")
    .max(ALLOWED_RANGE_MAX_HOURS, `Allow it for ${ALLOWED_RANGE_MAX_HOURS} hours at most`),
});

export const removeRangeSchema = z.object({ id: z.uuid() });
