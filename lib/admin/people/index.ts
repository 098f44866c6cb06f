import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { appVolunteerLookup, getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { providerFromUrl } from "@/prisma/database-target";
import { createAuditLog } from "./audit-log";
import { createErasure, type Erasure } from "./erasure";
import { createExports, type Exports } from "./exports";
import { createSignatureQueries, type SignatureQueries } from "./signatures";
import { createVolunteerQueries, type VolunteerQueries } from "./volunteers";

// The staff views of people, bound to the app's database and keys, each created on first use: the
// signature pages never need the volunteer keys, and `next build` needs neither keys nor database.
// Tests build their own with the factories in the modules beside this one.

let signatures: SignatureQueries | undefined;
let volunteers: VolunteerQueries | undefined;
let exports: Exports | undefined;
let erasure: Erasure | undefined;
let auditLog: ReturnType<typeof createAuditLog> | undefined;

export function adminSignatures(): SignatureQueries {
  signatures ??= createSignatureQueries(db, { provider: providerFromUrl(env.DATABASE_URL) });
  return signatures;
}

export function adminVolunteers(): VolunteerQueries {
  volunteers ??= createVolunteerQueries(db, { ring: getVolunteerKeyRing(), lookup: appVolunteerLookup });
  return volunteers;
}

// Opens the volunteer keys only when a volunteer export actually starts, not for a signature export.
const lazyVolunteers: VolunteerQueries = {
  list: (...args) => adminVolunteers().list(...args),
  find: (...args) => adminVolunteers().find(...args),
  batches: (...args) => adminVolunteers().batches(...args),
};

export function adminExports(): Exports {
  exports ??= createExports(db, { signatures: adminSignatures(), volunteers: lazyVolunteers });
  return exports;
}

export function adminErasure(): Erasure {
  erasure ??= createErasure(db, {
    signatures: adminSignatures(),
    volunteers: adminVolunteers(),
    lookup: appVolunteerLookup,
  });
  return erasure;
}

export function adminAuditLog() {
  auditLog ??= createAuditLog(db);
  return auditLog;
}

export { csvResponse } from "./exports";
export { ERASED_NAME, isErasedSignature } from "./erasure";
export type { SignatureRow } from "./signatures";
export type { VolunteerRow } from "./volunteers";
export type { AuditRow } from "./audit-log";
export type { Page } from "./keyset";
