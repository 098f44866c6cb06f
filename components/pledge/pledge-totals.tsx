import type { ReactNode } from "react";
import { countryName } from "@/lib/values/countries";
import { nationLabel, ukNations, type Nation } from "@/lib/values/nations";
import type { PledgeCounts } from "@/lib/pledge/counts";
import { PledgeTotal } from "@/components/pledge/pledge-total";
import { SignaturesOverTime } from "@/components/pledge/signatures-over-time";

const number = (n: number) => n.toLocaleString("en-GB");

/** The confirmed count, where people signed from, and how it grew. Only confirmed signatures are counted. */
export function PledgeTotals({
  counts,
  headingLevel = 2,
  children,
}: {
  counts: PledgeCounts;
  headingLevel?: 2 | 3;
  /** More about the count, under the total (the pledge page: milestones and the map). */
  children?: ReactNode;
}) {
  const Heading = `h${headingLevel}` as const;
  const SubHeading = `h${headingLevel + 1}` as "h3" | "h4";
  const countries = Object.entries(counts.byCountry)
    .filter(([code]) => code !== "GB")
    .sort((a, b) => b[1] - a[1]);
  return (
    <section className="pledge-totals" aria-labelledby="pledge-totals-heading">
      <Heading id="pledge-totals-heading">Who has signed so far</Heading>
      <p className="pledge-totals__total">
        <PledgeTotal counts={counts} /> {counts.total === 1 ? "person has" : "people have"} signed and
        confirmed the pledge.
      </p>
      {children}
      <SubHeading>By where people live</SubHeading>
      <div className="table-scroll">
        <table>
          <caption className="visually-hidden">Confirmed signatures by where people live</caption>
          <thead>
            <tr>
              <th scope="col">Where</th>
              <th scope="col">Signatures</th>
            </tr>
          </thead>
          <tbody>
            {[...ukNations.map((n) => n.value), "other" as const].map((nation: Nation) => (
              <tr key={nation}>
                <th scope="row">{nationLabel(nation)}</th>
                <td>{number(counts.byNation[nation] ?? 0)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {countries.length > 0 && (
        <details className="pledge-totals__countries">
          <summary>Signatures from outside the UK, by country</summary>
          <ul>
            {countries.map(([code, n]) => (
              <li key={code}>
                {countryName(code)}: {number(n)}
              </li>
            ))}
          </ul>
        </details>
      )}
      <SignaturesOverTime byDay={counts.byDay} headingLevel={(headingLevel + 1) as 3 | 4} />
      <p className="pledge-totals__note">
        Counted at <time dateTime={counts.countedAt}>{new Date(counts.countedAt).toUTCString()}</time>. New
        signatures appear within a few seconds of being confirmed.
      </p>
    </section>
  );
}
