import "server-only";
import { db } from "@/lib/platform/db";
import { env } from "@/lib/platform/env";
import { appVolunteerLookups, getVolunteerKeyRing } from "@/lib/volunteers/keys";
import { providerFromUrl } from "@/prisma/database-target";
import { assertHolds, type StaffWith } from "@/lib/admin/access/session";
import { createAuditLog } from "@/lib/admin/audit/log";
import { createDriverPages } from "@/lib/admin/export/driver-pages";
import { createErasure, type Erasure } from "@/lib/admin/records/erasure";
import { createExports, type Exports } from "@/lib/admin/export/exports";
import { createCrmExport, type CrmExport } from "@/lib/admin/export/crm-export";
import { partnerByCode } from "@/lib/content/partners";
import { createSignatureQueries, type SignatureQueries } from "@/lib/admin/records/signatures";
import { createVolunteerQueries, type VolunteerQueries } from "@/lib/admin/records/volunteers";
import { bindOnce } from "@/lib/platform/bind-once";

// The staff views of people, bound to the app's database and keys, each created on first use: the
// signature pages never need the volunteer keys, and `next build` needs neither keys nor database.
// Tests build their own with the factories in the modules beside this one.

const boundSignatures = bindOnce(() =>
  createSignatureQueries(db, { provider: providerFromUrl(env.DATABASE_URL) }),
);
const boundVolunteers = bindOnce(() =>
  createVolunteerQueries(db, { ring: getVolunteerKeyRing(), lookup: appVolunteerLookups }),
);
const boundExports = bindOnce(() =>
  createExports(db, {
    pages: createDriverPages(env.DATABASE_URL),
    // Opens the volunteer keys only when a volunteer export actually starts, not for a signature export.
    volunteerKeys: () => ({ ring: getVolunteerKeyRing(), lookup: appVolunteerLookups }),
  }),
);
const boundCrmExport = bindOnce(() =>
  createCrmExport(db, {
    pages: createDriverPages(env.DATABASE_URL),
    partnerName: (code) => partnerByCode(code)?.name,
  }),
);
const boundErasure = bindOnce(() =>
  createErasure(db, {
    signatures: boundSignatures(),
    volunteers: boundVolunteers(),
    lookup: appVolunteerLookups,
  }),
);
const boundAuditLog = bindOnce(() => createAuditLog(db));

// Each view asks for the capability its data needs (lib/admin/access/session.ts StaffWith): a page that checked a
// weaker permission cannot compile a call here, and the role is checked again at run time.

export function adminSignatures(staff: StaffWith<"view-people">): SignatureQueries {
  assertHolds(staff, "view-people");
  return boundSignatures();
}

export function adminVolunteers(staff: StaffWith<"view-people">): VolunteerQueries {
  assertHolds(staff, "view-people");
  return boundVolunteers();
}

/** Exports are people in bulk: "export", which lib/admin/access/roles.ts only ever grants with "view-people". */
export function adminExports(staff: StaffWith<"export">): Exports {
  assertHolds(staff, "export");
  return boundExports();
}

/** The CRM exports and their history: people in bulk too, so "export". */
export function adminCrmExports(staff: StaffWith<"export">): CrmExport {
  assertHolds(staff, "export");
  return boundCrmExport();
}

export function adminErasure(staff: StaffWith<"erase">): Erasure {
  assertHolds(staff, "erase");
  return boundErasure();
}

export function adminAuditLog(staff: StaffWith<"view-audit">) {
  assertHolds(staff, "view-audit");
  return boundAuditLog();
}

export { csvResponse } from "@/lib/admin/export/exports";
export { ERASED_NAME, isErasedSignature } from "@/lib/admin/records/erasure";
export type { SignatureRow } from "@/lib/admin/records/signatures";
export type { VolunteerRow } from "@/lib/admin/records/volunteers";
export type { AuditRow } from "@/lib/admin/audit/log";
export type { Page } from "@/lib/admin/records/keyset";
