import { expect, test, type Page } from "@playwright/test";
import { issueLinkToken, verifyLinkToken } from "@/lib/security/link-tokens";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { linkIn, waitForEmail } from "@/tests/e2e/support/mail";
import { expectAPledgeEmail, newSupporter, signThePledge } from "@/tests/e2e/support/mail-round-trip";

// The app's signing key for this run (playwright.config.ts): an expired link is a real one signed again
// with yesterday's date, which is exactly what the link would be a week after the email was sent.
const appSecret = Buffer.from(process.env.E2E_APP_SECRET ?? "", "base64url");

const heading = (page: Page, name: string) => page.getByRole("heading", { level: 1, name });

/** The token at the end of a /pledge/confirm/… or /pledge/manage/… link. */
const tokenOf = (link: string) => new URL(link).pathname.split("/").at(-1) ?? "";

test.describe("A supporter whose link is broken or old", () => {
  test("a forged or damaged confirmation link says it cannot be used, and offers a way forward", async ({
    page,
  }) => {
    const supporter = newSupporter("forged-link");
    await signThePledge(page, supporter);
    const email = await waitForEmail(supporter.email);
    const realToken = tokenOf(linkIn(email, "/pledge/confirm/")!);
    const [payload, mac] = realToken.split(".") as [string, string];
    const forgedMac = `${mac[0] === "A" ? "B" : "A"}${mac.slice(1)}`;

    const brokenLinks = {
      "a made-up link": "/pledge/confirm/not-a-real-link",
      "a real link with its signature altered": `/pledge/confirm/${payload}.${forgedMac}`,
      "a real link cut short": `/pledge/confirm/${realToken.slice(0, -4)}`,
      "the manage link's token, used to confirm": `/pledge/confirm/${tokenOf(linkIn(email, "/pledge/manage/")!)}`,
    };
    for (const [what, path] of Object.entries(brokenLinks)) {
      await test.step(what, async () => {
        const response = await page.goto(path);
        // 404, so nothing (a crawler, a link checker, a cache) takes a dead link for a page.
        expect(response?.status(), what).toBe(404);
        await expect(heading(page, "We cannot use this link")).toBeVisible();
        await expect(page.getByRole("button", { name: "Confirm my signature" })).toHaveCount(0);
        expect.soft(await accessibilityProblems(page), `axe: ${what}`).toEqual([]);
      });
    }

    await test.step("the way forward: back to the form to sign again", async () => {
      await page.getByRole("main").getByRole("link", { name: "sign the pledge again" }).click();
      await expect(page).toHaveURL("/pledge#sign");
      await expect(page.getByRole("button", { name: "Sign the pledge" })).toBeVisible();
    });
  });

  test("a link damaged in copying says it cannot be used, with 404, on every kind of link", async ({
    page,
  }) => {
    // What a mail program or a hand-copied link can leave: percent-encoding broken off mid-character (once
    // a 500 here), a stray percent sign, or text that is no token of ours at all.
    const damaged = {
      "broken percent-encoding": "%E0%A4%A",
      "a stray percent sign": "abc%",
      "a made-up word": "not-a-real-link",
    };
    const linkKinds = {
      "pledge confirmation": "/pledge/confirm/",
      "pledge manage": "/pledge/manage/",
      "volunteer confirmation": "/scotland/volunteer/confirm/",
      "volunteer manage": "/scotland/volunteer/manage/",
    };
    for (const [kind, prefix] of Object.entries(linkKinds)) {
      for (const [damage, token] of Object.entries(damaged)) {
        await test.step(`${kind}: ${damage}`, async () => {
          const response = await page.goto(`${prefix}${token}`);
          expect(response?.status(), `${kind}: ${damage}`).toBe(404);
          await expect(heading(page, "We cannot use this link")).toBeVisible();
          await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
        });
      }
      expect.soft(await accessibilityProblems(page), `axe: ${kind}`).toEqual([]);
    }
  });

  test("a confirmation link past its 7 days offers a new one, which works", async ({ page }) => {
    const supporter = newSupporter("expired-link");
    await signThePledge(page, supporter);
    const firstLink = linkIn(await waitForEmail(supporter.email), "/pledge/confirm/")!;

    await test.step("opens the link a week later", async () => {
      const link = verifyLinkToken(appSecret, "confirm", tokenOf(firstLink));
      expect(link, "the e2e run knows the app's key (E2E_APP_SECRET)").toBeDefined();
      const yesterday = new Date(Date.now() - 24 * 60 * 60 * 1000);
      await page.goto(
        `/pledge/confirm/${issueLinkToken(appSecret, "confirm", link!.signatureId, yesterday)}`,
      );
      await expect(heading(page, "This link has expired")).toBeVisible();
      await expect(page.getByRole("button", { name: "Confirm my signature" })).toHaveCount(0);
      expect.soft(await accessibilityProblems(page), "axe: expired link").toEqual([]);
    });

    await test.step("asks for a new link", async () => {
      await page.getByRole("button", { name: "Send me a new link" }).click();
      await expect(heading(page, "Check your email")).toBeVisible();
    });

    await test.step("the new email's link shows the button to confirm", async () => {
      const second = await waitForEmail(supporter.email, 2);
      expectAPledgeEmail(second, "Please confirm your Count Us In signature");
      await page.goto(linkIn(second, "/pledge/confirm/")!);
      await expect(heading(page, "Confirm your signature")).toBeVisible();
      await expect(page.getByRole("button", { name: "Confirm my signature" })).toBeVisible();
    });
  });
});
