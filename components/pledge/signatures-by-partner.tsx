import type { PartnerRow } from "@/lib/pledge/by-partner";

/** Staff view: which partner's link brought each confirmed signature, as a table. */
export function SignaturesByPartner({ rows }: { rows: PartnerRow[] }) {
  return (
    <section aria-labelledby="by-partner-heading">
      <h2 id="by-partner-heading">Confirmed signatures by partner</h2>
      <p>
        Counted from links such as <code>/pledge?ref=bcna</code>. Codes are set in content/partners.yaml.
      </p>
      <div className="table-scroll">
        <table data-testid="signatures-by-partner">
          <thead>
            <tr>
              <th scope="col">Partner or channel</th>
              <th scope="col">Code</th>
              <th scope="col">Confirmed signatures</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code ?? ""}>
                <th scope="row">{row.name}</th>
                <td>{row.code ?? "none"}</td>
                <td>{row.count.toLocaleString("en-GB")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
