import { formatDateTime } from "@/lib/admin/records/format";

/** A moment, shown in UTC the same way everywhere in the admin area, machine-readable too. */
export function DateTime({ value }: { value: Date | null | undefined }) {
  if (!value) return <>None</>;
  return <time dateTime={value.toISOString()}>{formatDateTime(value)}</time>;
}
