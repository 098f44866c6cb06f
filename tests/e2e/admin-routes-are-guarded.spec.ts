import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { roles, type Role } from "@/lib/admin/access/roles";
import { waitForEmail } from "@/tests/e2e/support/mail";
import { newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";
import { isStaffOnly, probeDoors, servedEntryPoints } from "@/tests/e2e/support/served-entry-points";
import { signedInStaff } from "@/tests/e2e/support/staff";
import { confirmVolunteerFromEmail, newVolunteer, offerToHelp } from "@/tests/e2e/support/volunteer";

// Every page, route handler and server action the build serves (read from .next's manifests), asked by
// someone signed out and by each role, with a real supporter and a real volunteer in the database. A new
// entry point is covered the moment it is built. tests/e2e/guard-catches-known-bypasses.spec.ts proves
// the same probe catches the ways a door has been left open before.

const repoRoot = path.resolve(__dirname, "../..");

test.describe("Every door the build serves refuses whoever should not pass", () => {
  test("signed out, or signed in with each role: refused wherever lib/admin/access/roles.ts says so, and no one's details shown without view-people", async ({
    browser,
    request,
  }, testInfo) => {
    test.setTimeout(6 * 60_000);
    const entries = servedEntryPoints(path.join(repoRoot, ".next"));
    const staffOnly = entries
      .filter(isStaffOnly)
      .map((e) => `${e.kind} ${e.kind === "action" ? e.source : e.url}`);
    expect(staffOnly, "the manifests list the staff area").toEqual(
      expect.arrayContaining([
        "page /admin",
        "route /api/admin/export/volunteers",
        "action app/admin/(signed-in)/people/actions.ts#eraseAction",
      ]),
    );

    const supporter = newSupporter("guard-signer", { name: "Greer Guardtest", livesIn: "Wales" });
    const volunteer = newVolunteer("guard-volunteer", { name: "Vaila Guardtest" });
    const seeding = await browser.newPage();
    await signThePledge(seeding, supporter);
    await offerToHelp(seeding, volunteer);
    await confirmVolunteerFromEmail(seeding, await waitForEmail(volunteer.email));
    await seeding.close();

    const staff = {} as Record<Role, APIRequestContext>;
    for (const role of roles) {
      const page = await (await browser.newContext()).newPage();
      await signedInStaff(page, role, `guard-${role}`);
      staff[role] = page.request;
    }

    const { findings, table } = await probeDoors({
      entries,
      stranger: request,
      staff,
      personal: [supporter.name, supporter.email, volunteer.name, volunteer.email],
      repoRoot,
    });
    // The list of every staff entry point and its permission, generated from what the build serves.
    fs.writeFileSync(testInfo.outputPath("entry-points.md"), table);
    await testInfo.attach("entry-points.md", { body: table, contentType: "text/markdown" });
    expect(findings, "doors found open").toEqual([]);
  });
});
