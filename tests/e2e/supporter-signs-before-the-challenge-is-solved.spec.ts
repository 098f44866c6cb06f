import { expect, test, type Page } from "@playwright/test";
import { waitForEmail } from "@/tests/e2e/support/mail";
import { expectAPledgeEmail, newSupporter } from "@/tests/e2e/support/mail-round-trip";

// The pledge form as first sent has no React (lib/platform/script-free-pages.mjs); public/form-enhancements.js
// gives it what React did. The whole suite signs from one address with a small free allowance
// (playwright.config.ts), so a sign-up sent without a solved challenge would be held (/pledge/received),
// not emailed: reaching "Check your email" and getting the email proves the challenge went with it.

/** Every form post to /pledge the page makes, with whether it carried a solved challenge. */
function watchPosts(page: Page) {
  const posts: { solved: boolean }[] = [];
  page.on("request", (request) => {
    if (request.method() !== "POST" || new URL(request.url()).pathname !== "/pledge") return;
    const altcha = /name="altcha"\r\n\r\n([^\r]*)\r\n/.exec(request.postData() ?? "")?.[1] ?? "";
    posts.push({ solved: altcha.length > 0 });
  });
  return posts;
}

/** What a password manager does: every field filled at once, no key pressed, no field focused. */
async function fillAtOnce(page: Page, name: string, email: string) {
  await page.evaluate(
    ([name, email]) => {
      const form = document.querySelector("form.form") as HTMLFormElement;
      (form.elements.namedItem("name") as HTMLInputElement).value = name!;
      (form.elements.namedItem("email") as HTMLInputElement).value = email!;
      (document.getElementById("nation-england") as HTMLInputElement).checked = true;
    },
    [name, email],
  );
}

test.describe("A supporter's browser signs before anything is solved", () => {
  test("a form filled and sent at once is held until the challenge is solved, then goes through", async ({
    page,
  }) => {
    const supporter = newSupporter("password-manager", { name: "Autofill Example" });
    const posts = watchPosts(page);
    await page.goto("/pledge");
    await expect(page.locator('script[src^="/_next/"]'), "no React on the page").toHaveCount(0);
    await fillAtOnce(page, supporter.name, supporter.email);
    await expect(
      page.locator('input[name="altcha"]'),
      "nothing solved before anyone touched the page",
    ).toHaveValue("");
    await page.getByRole("button", { name: "Sign the pledge" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible({
      timeout: 30_000,
    });
    expect(posts, "sent once, with its solution").toEqual([{ solved: true }]);
    expectAPledgeEmail(await waitForEmail(supporter.email), "Please confirm your Count Us In signature");
  });

  test("a double click sends the form once", async ({ page }) => {
    const supporter = newSupporter("double-click", { name: "Double Example" });
    const posts = watchPosts(page);
    await page.goto("/pledge");
    await page.getByLabel("Full name").fill(supporter.name);
    await page.getByLabel("Email address").fill(supporter.email);
    await page.getByRole("radio", { name: "England" }).check();
    await expect(page.locator('input[name="altcha"]')).not.toHaveValue("", { timeout: 30_000 });

    const button = page.getByRole("button", { name: "Sign the pledge" });
    // Both presses land before the next page does: the second meets a busy button and sends nothing.
    const afterClicks = await button.evaluate((element: HTMLButtonElement) => {
      element.click();
      element.click();
      return { disabled: element.disabled, text: element.textContent };
    });
    expect(afterClicks, "the button says it is busy").toEqual({ disabled: true, text: "Sending…" });
    await expect(page.getByRole("heading", { level: 1, name: "Check your email" })).toBeVisible();
    expect(posts).toEqual([{ solved: true }]);
  });
});
