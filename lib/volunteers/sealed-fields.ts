import { open, seal, type KeyRing } from "@/lib/security/field-cipher";
import type { Volunteer } from "@/lib/generated/sqlite/client";

/** The volunteer fields that are personal, in clear, and how each is stored. */
export type VolunteerPersonal = { name: string; email: string; phone?: string; note?: string };

export function sealPersonal(ring: KeyRing, personal: VolunteerPersonal) {
  return {
    nameSealed: seal(ring, "volunteer.name", personal.name),
    emailSealed: seal(ring, "volunteer.email", personal.email),
    phoneSealed: personal.phone ? seal(ring, "volunteer.phone", personal.phone) : null,
    noteSealed: personal.note ? seal(ring, "volunteer.note", personal.note) : null,
  };
}

/** The sealed columns of a Volunteer row, as the model declares them. */
type SealedRow = Pick<Volunteer, "nameSealed" | "emailSealed" | "phoneSealed" | "noteSealed">;

export function openPersonal(ring: KeyRing, row: SealedRow): VolunteerPersonal {
  return {
    name: open(ring, "volunteer.name", row.nameSealed),
    email: open(ring, "volunteer.email", row.emailSealed),
    ...(row.phoneSealed ? { phone: open(ring, "volunteer.phone", row.phoneSealed) } : {}),
    ...(row.noteSealed ? { note: open(ring, "volunteer.note", row.noteSealed) } : {}),
  };
}

/** Just what an email needs: the name and address, leaving phone and note sealed. */
export function openContact(ring: KeyRing, row: Pick<SealedRow, "nameSealed" | "emailSealed">) {
  return {
    name: open(ring, "volunteer.name", row.nameSealed),
    email: open(ring, "volunteer.email", row.emailSealed),
  };
}
