import { MAX_ROWS, MAX_UPLOAD_BYTES } from "@/lib/paper/limits";

/** What the upload expects, said once on the page, next to the form. */
export function PaperColumnsHelp() {
  return (
    <>
      <p>
        Save the sheet as <strong>CSV UTF-8</strong> (in Excel: File, Save As, &ldquo;CSV UTF-8 (Comma
        delimited)&rdquo;). The first row names the columns, in any order; then one row per paper form. Up to{" "}
        {MAX_ROWS.toLocaleString("en-GB")} rows and {MAX_UPLOAD_BYTES / 1024 / 1024} MB per file.
      </p>
      <div className="table-scroll">
        <table>
          <caption>Columns of the file</caption>
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">What to write</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Name</th>
              <td>Their full name, as written on the form.</td>
            </tr>
            <tr>
              <th scope="row">Email</th>
              <td>
                Their email address, or leave it empty: the pledge still counts, and we never write to them.
              </td>
            </tr>
            <tr>
              <th scope="row">Nation</th>
              <td>England, Scotland, Wales, Northern Ireland, or Outside the UK.</td>
            </tr>
            <tr>
              <th scope="row">Country</th>
              <td>
                Only for people outside the UK: the country&rsquo;s name in English, or its two-letter code.
              </td>
            </tr>
            <tr>
              <th scope="row">Campaign emails</th>
              <td>yes if they ticked the box for campaign emails, otherwise no.</td>
            </tr>
          </tbody>
        </table>
      </div>
      <p>
        Nothing is stored until you have seen the preview. A cell that starts with =, +, -, or @ is refused,
        as a spreadsheet would run it as a formula.
      </p>
    </>
  );
}
