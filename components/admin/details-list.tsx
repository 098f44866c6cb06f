import type { ReactNode } from "react";

/** A record's fields as a description list: each label once, values as given (empty shows "None"). */
export function DetailsList({ items }: { items: readonly { label: string; value: ReactNode }[] }) {
  return (
    <dl className="admin-details">
      {items.map((item) => (
        <div key={item.label} className="admin-details__row">
          <dt>{item.label}</dt>
          <dd>
            {item.value === null || item.value === undefined || item.value === "" ? "None" : item.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
