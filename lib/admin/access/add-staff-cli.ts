// npm run admin:add -- someone@example.org admin   (roles: admin, campaigner, viewer)
// Creates the first admin, or adds/changes anyone, from the command line. Runs with the react-server
// condition so lib/ modules marked `server-only` load outside Next.js.
import { db } from "@/lib/platform/db";
import { emailAddress } from "@/lib/validation/fields";
import { roles, isRole } from "@/lib/admin/access/roles";
import { addStaff } from "@/lib/admin/access/staff";

async function main() {
  const [email = "", role = ""] = process.argv.slice(2);
  const parsed = emailAddress.safeParse(email);
  if (!parsed.success || !isRole(role)) {
    console.error(`Usage: npm run admin:add -- someone@example.org <${roles.join("|")}>`);
    process.exit(2);
  }
  await addStaff(db, { email: parsed.data, role }, "command line");
  console.log(`${parsed.data.toLowerCase()} can now sign in at /admin as ${role}.`);
  await db.$disconnect();
}

main().catch((error: unknown) => {
  console.error(`Could not add staff: ${(error as Error).message}`);
  process.exit(1);
});
