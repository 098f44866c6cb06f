import type { Metadata } from "next";
import { FieldsForm } from "@/components/admin/fields-form";
import { formatDateTime } from "@/lib/admin/records/format";
import { requireStaff } from "@/lib/admin/access/session";
import { signingControls } from "@/lib/admin/signing-controls";
import {
  allowRangeAction,
  freeAllowanceAction,
  heldAction,
  recountAction,
  removeRangeAction,
} from "@/app/admin/(signed-in)/signing/actions";

export const metadata: Metadata = { title: "Held sign-ups and limits" };

const doneMessages: Record<string, (count: number) => string> = {
  released: (n) =>
    `Released ${n.toLocaleString("en-GB")} held sign-ups: their confirmation emails are on their way.`,
  discarded: (n) => `Discarded ${n.toLocaleString("en-GB")} held sign-ups. Nothing about them is kept.`,
  "range-allowed": () => "The range is allowed. Sign-ups from it are emailed at once until it ends.",
  "range-removed": () => "The range is removed.",
  recounted: (n) =>
    n === 0 ? "Recounted: the totals matched the signatures." : `Recounted: ${n} totals were repaired.`,
  invalid: () => "That request could not be used. Please try again from this page.",
};

const reasonLabels = {
  "over-allowance": "over its network's free allowance",
  honeypot: "filled the hidden field",
};

function HeldButtons({ reason, network, label }: { reason?: string; network?: string; label: string }) {
  return (
    <div className="button-row">
      {(["release", "discard"] as const).map((action) => (
        <form key={action} action={heldAction}>
          <input type="hidden" name="action" value={action} />
          {reason && <input type="hidden" name="reason" value={reason} />}
          {network && <input type="hidden" name="network" value={network} />}
          <button
            type="submit"
            className={`button button--small ${action === "release" ? "" : "button--secondary"}`}
          >
            {action === "release" ? "Release" : "Discard"} {label}
          </button>
        </form>
      ))}
    </div>
  );
}

export default async function SigningControlsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await requireStaff("manage-signing");
  const params = await searchParams;
  const { held, limits, ranges } = await signingControls(staff).overview();
  const done = typeof params.done === "string" ? doneMessages[params.done] : undefined;
  const count = Number(params.count ?? 0) || 0;

  return (
    <>
      <h1>Held sign-ups and limits</h1>
      {done && (
        <div className="panel panel--success" role="status">
          <p>{done(count)}</p>
        </div>
      )}

      <section aria-labelledby="held-heading">
        <h2 id="held-heading">Held sign-ups</h2>
        <p>
          A sign-up is held, not emailed and not counted, when its network has used its free allowance and its
          browser did not solve the automatic challenge (usually because JavaScript is off), or when it filled
          in the hidden field that only scripts see. The person was told that we check sign-ups like theirs by
          hand. Release them to send their confirmation emails, or discard them.
        </p>
        {held.total === 0 ? (
          <p>Nothing is held.</p>
        ) : (
          <>
            <p>
              <strong>{held.total.toLocaleString("en-GB")}</strong> held from{" "}
              {held.networks.toLocaleString("en-GB")} {held.networks === 1 ? "network" : "networks"}
              {held.first && held.last && (
                <>
                  , between {formatDateTime(held.first)} and {formatDateTime(held.last)}
                </>
              )}
              .
            </p>
            <ul>
              {Object.entries(held.byReason).map(([reason, n]) => (
                <li key={reason}>
                  {n.toLocaleString("en-GB")} {reasonLabels[reason as keyof typeof reasonLabels]}
                </li>
              ))}
            </ul>
            <HeldButtons label="all held" />
            <h3>Busiest networks</h3>
            <p>Networks are named by a code made from their address; the address itself is never kept.</p>
            <div className="table-scroll">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Network</th>
                    <th scope="col">Held</th>
                    <th scope="col">First</th>
                    <th scope="col">Last</th>
                    <th scope="col">Action</th>
                  </tr>
                </thead>
                <tbody>
                  {held.busiest.map((group) => (
                    <tr key={group.network}>
                      <th scope="row">{group.label}</th>
                      <td>{group.count.toLocaleString("en-GB")}</td>
                      <td>{formatDateTime(group.first)}</td>
                      <td>{formatDateTime(group.last)}</td>
                      <td>
                        <HeldButtons network={group.network} label={`from ${group.label}`} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="allowance-heading">
        <h2 id="allowance-heading">Free allowance per network</h2>
        <p>
          Each network (one internet address, which may be thousands of people) may sign this many times an
          hour without a challenge. Beyond it, browsers solve a challenge unseen and get through; sign-ups
          without JavaScript are held for you. Now:{" "}
          <strong>{limits.freePerAddressPerHour.toLocaleString("en-GB")} an hour</strong>
          {limits.changed
            ? `, set by ${limits.changed.by} on ${formatDateTime(limits.changed.at)}.`
            : " (the default)."}
        </p>
        <FieldsForm
          id="allowance"
          action={freeAllowanceAction}
          submitLabel="Save the allowance"
          fields={[
            {
              name: "freePerAddressPerHour",
              label: "Sign-ups an hour per network without a challenge",
              inputMode: "numeric",
              defaultValue: String(limits.freePerAddressPerHour),
              maxLength: 6,
            },
          ]}
        />
      </section>

      <section aria-labelledby="ranges-heading">
        <h2 id="ranges-heading">Allowed address ranges</h2>
        <p>
          For an event where many people sign from one network (a conference, a hospital open day), allow its
          address range for a while: sign-ups from it are emailed at once, without limit.
        </p>
        {ranges.length === 0 ? (
          <p>No range is allowed now.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">Range</th>
                  <th scope="col">For</th>
                  <th scope="col">Until</th>
                  <th scope="col">Added by</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {ranges.map((range) => (
                  <tr key={range.id}>
                    <th scope="row">{range.cidr}</th>
                    <td>{range.note}</td>
                    <td>{formatDateTime(range.until)}</td>
                    <td>{range.createdBy}</td>
                    <td>
                      <form action={removeRangeAction}>
                        <input type="hidden" name="id" value={range.id} />
                        <button type="submit" className="button button--secondary button--small">
                          Remove {range.cidr}
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>Allow a range</h3>
        <FieldsForm
          id="range"
          action={allowRangeAction}
          submitLabel="Allow this range"
          fields={[
            {
              name: "cidr",
              label: "Address range",
              hint: "For example 192.0.2.0/24 or 2001:db8::/48",
              maxLength: 60,
            },
            {
              name: "note",
              label: "What it is for",
              hint: "For example: Conference, Glasgow",
              maxLength: 200,
            },
            {
              name: "hours",
              label: "For how many hours",
              inputMode: "numeric",
              defaultValue: "24",
              maxLength: 2,
            },
          ]}
        />
      </section>

      <section aria-labelledby="recount-heading">
        <h2 id="recount-heading">Recount the totals</h2>
        <p>
          The public count is kept as running totals, changed with every confirmation and withdrawal. Once a
          day they are checked against the signatures themselves and repaired if they differ. Recount now if a
          number looks wrong.
        </p>
        <form action={recountAction}>
          <button type="submit" className="button button--secondary">
            Recount from the signatures
          </button>
        </form>
      </section>
    </>
  );
}
