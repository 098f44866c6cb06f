import type { CrmColumn } from "@/lib/admin/export/crm-columns";

/**
 * The CRM export's columns as a description list, in file order. It is given `crmColumns`, the list the
 * CSV's header row is made from, so what the page says and what the file holds cannot differ.
 */
export function CrmColumnList({ columns }: { columns: readonly CrmColumn[] }) {
  return (
    <dl className="admin-details" aria-label="Columns of the CRM export">
      {columns.map((column) => (
        <div key={column.key} className="admin-details__row">
          <dt>{column.header}</dt>
          <dd>{column.meaning}</dd>
        </div>
      ))}
    </dl>
  );
}
