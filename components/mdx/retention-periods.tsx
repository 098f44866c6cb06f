import { describeRetention, retentionPolicy } from "@/lib/retention/policy";

/** The retention table in the privacy notice, drawn from the same settings the deletion jobs use. */
export function RetentionPeriods() {
  return (
    <div className="table-scroll">
      <table>
        <caption className="visually-hidden">How long we keep each kind of information</caption>
        <thead>
          <tr>
            <th scope="col">Information</th>
            <th scope="col">How long we keep it</th>
          </tr>
        </thead>
        <tbody>
          {describeRetention(retentionPolicy()).map((row) => (
            <tr key={row.what}>
              <th scope="row">{row.what}</th>
              <td>{row.howLong}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
