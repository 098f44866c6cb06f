import type { Metadata } from "next";
import { DateTime } from "@/components/admin/date-time";
import { StaffAddForm } from "@/components/admin/staff-add-form";
import { roleLabels, roles } from "@/lib/admin/access/roles";
import { requireStaff } from "@/lib/admin/access/session";
import { staffAdmin } from "@/lib/admin/access/staff-admin";
import {
  addStaffAction,
  changeStaffRoleAction,
  removeStaffAction,
} from "@/app/admin/(signed-in)/staff/actions";

export const metadata: Metadata = { title: "Staff" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// Only these fixed messages are ever shown back: the query string cannot put words on the page.
const outcomes: Record<string, { text: string; ok: boolean }> = {
  added: { text: "Added. They can now ask for a sign-in link.", ok: true },
  "role-changed": { text: "They were already on the staff list: their role is changed.", ok: true },
  changed: { text: "Role changed. It applies from their next page.", ok: true },
  removed: { text: "Removed, and signed out everywhere.", ok: true },
  self: { text: "You cannot change your own role or remove yourself. Ask another admin.", ok: false },
  "not-found": { text: "That member of staff is no longer on the list.", ok: false },
  invalid: { text: "That change was not valid. Try again.", ok: false },
};

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));

export default async function StaffPage({ searchParams }: Props) {
  const staff = await requireStaff("manage-staff");
  const { done } = await searchParams;
  const outcome = typeof done === "string" ? outcomes[done] : undefined;
  const members = await staffAdmin(staff).list();

  return (
    <>
      <h1>Staff</h1>
      {outcome &&
        (outcome.ok ? (
          <div className="panel" role="status">
            <p>{outcome.text}</p>
          </div>
        ) : (
          <div className="error-summary" role="alert">
            <p>{outcome.text}</p>
          </div>
        ))}
      <p>
        Only the addresses listed here can sign in to the admin area. Every change is recorded in the audit
        log.
      </p>
      <ul>
        {roles.map((role) => (
          <li key={role}>{roleLabels[role]}</li>
        ))}
      </ul>

      <div className="table-scroll">
        <table>
          <caption>Staff who can sign in, by email address</caption>
          <thead>
            <tr>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Added</th>
              <th scope="col">Remove</th>
            </tr>
          </thead>
          <tbody>
            {members.map((member) => {
              const self = member.id === staff.id;
              return (
                <tr key={member.id}>
                  <th scope="row" className="admin-break">
                    {member.email}
                    {self && " (you)"}
                  </th>
                  <td>
                    {self ? (
                      member.role
                    ) : (
                      <form action={changeStaffRoleAction} className="admin-inline-form">
                        <input type="hidden" name="id" value={member.id} />
                        <label htmlFor={`role-${member.id}`} className="visually-hidden">
                          Role for {member.email}
                        </label>
                        <select
                          id={`role-${member.id}`}
                          name="role"
                          className="select"
                          defaultValue={member.role}
                        >
                          {roles.map((role) => (
                            <option key={role} value={role}>
                              {role}
                            </option>
                          ))}
                        </select>
                        <button type="submit" className="button button--secondary button--small">
                          Change role<span className="visually-hidden"> for {member.email}</span>
                        </button>
                      </form>
                    )}
                  </td>
                  <td>
                    <DateTime value={member.createdAt} />
                  </td>
                  <td>
                    {self ? (
                      "You cannot remove yourself"
                    ) : (
                      <form action={removeStaffAction}>
                        <input type="hidden" name="id" value={member.id} />
                        <button type="submit" className="button button--warning button--small">
                          Remove<span className="visually-hidden"> {member.email}</span>
                        </button>
                      </form>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>Add a member of staff</h2>
      <StaffAddForm action={addStaffAction} roles={roleOptions} />
    </>
  );
}
