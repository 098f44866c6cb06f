import { expect, test, type ElementHandle, type Page } from "@playwright/test";
import { accessibilityProblems } from "@/tests/e2e/support/axe";
import { elementsWiderThanViewport, everyPage, openAllDetails, sweepParts } from "@/tests/e2e/support/site";

test.describe("A disabled supporter can use every page", () => {
  for (const part of sweepParts) {
    test(`no page has an automatically detectable WCAG 2.2 AA failure, with chart tables open (${part.name})`, async ({
      page,
    }) => {
      for (const path of part.pick(await everyPage(page.request))) {
        await test.step(path, async () => {
          await page.goto(path);
          await openAllDetails(page);
          expect.soft(await accessibilityProblems(page), `axe on ${path}`).toEqual([]);
        });
      }
    });
  }

  test("a keyboard user can skip straight to the main content on every page", async ({ page }) => {
    for (const path of await everyPage(page.request)) {
      await test.step(path, async () => {
        await page.goto(path);
        await page.keyboard.press("Tab");
        const skipLink = page.getByRole("link", { name: "Skip to main content" });
        await expect.soft(skipLink, `${path}: the first Tab focuses the skip link`).toBeFocused();
        await expect.soft(skipLink, `${path}: the focused skip link is on screen`).toBeInViewport();
        await page.keyboard.press("Enter");
        await expect.soft(page.locator("main#main"), `${path}: Enter moves focus to main`).toBeFocused();
        expect.soft(new URL(page.url()).hash).toBe("#main");
      });
    }
  });

  // Every focusable element of every page, one Tab at a time: the slowest sweep (3.6 min of a worker's time
  // on a quiet two-core machine), so it runs in parts too.
  for (const part of sweepParts) {
    test(`a keyboard user can always see where focus is (${part.name})`, async ({ page }) => {
      for (const path of part.pick(await everyPage(page.request))) {
        await test.step(path, async () => {
          await page.goto(path);
          const invisible = await focusWithoutVisibleStyle(page);
          expect
            .soft(invisible, `${path}: elements whose focus style looks the same as unfocused`)
            .toEqual([]);
        });
      }
    });
  }
});

test.describe("A supporter on a small phone, or zoomed to 400%", () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test("never has to scroll sideways to read a page", async ({ page }) => {
    for (const path of await everyPage(page.request)) {
      await test.step(path, async () => {
        await page.goto(path);
        for (const state of ["as loaded", "with chart tables open"]) {
          if (state !== "as loaded" && (await openAllDetails(page)) === 0) continue;
          const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
          const why = scrollWidth > 320 ? ` (${(await elementsWiderThanViewport(page)).join("; ")})` : "";
          expect.soft(scrollWidth, `${path} ${state}: page width at 320px${why}`).toBeLessThanOrEqual(320);
        }
      });
    }
  });
});

type FocusStyle = Record<string, string>;

/**
 * Tab through the whole page and compare each element's look while focused with its look afterwards.
 * Returns the elements that look the same either way (WCAG 2.4.7 Focus Visible).
 */
async function focusWithoutVisibleStyle(page: Page): Promise<string[]> {
  const readStyle = async (handle: ElementHandle<Element>): Promise<FocusStyle> =>
    handle.evaluate(async (element) => {
      // A focus style may fade in; read it once it has settled.
      await Promise.all(
        element.getAnimations().map((animation) => animation.finished.catch(() => undefined)),
      );
      const style = getComputedStyle(element);
      const outline = style.outlineStyle === "none" || style.outlineWidth === "0px" ? "none" : style.outline;
      return {
        outline,
        boxShadow: style.boxShadow,
        backgroundColor: style.backgroundColor,
        color: style.color,
        textDecoration: `${style.textDecorationLine} ${style.textDecorationThickness} ${style.textDecorationColor}`,
        border: style.border,
      };
    });

  const visited: { handle: ElementHandle<Element>; name: string; focused: FocusStyle }[] = [];
  for (let presses = 0; presses < 200; presses++) {
    await page.keyboard.press("Tab");
    const handle = (await page.evaluateHandle(() => document.activeElement)).asElement();
    // Focus left the page, or came back round to the start: every element has had its turn.
    if (!handle || (await handle.evaluate((element) => element === document.body))) break;
    if (visited[0] && (await handle.evaluate((element, first) => element === first, visited[0].handle)))
      break;
    const name = await handle.evaluate((element) => {
      const text = (element.textContent ?? "").trim().replace(/\s+/g, " ").slice(0, 40);
      return `${element.tagName.toLowerCase()} "${text}"`;
    });
    visited.push({ handle, name, focused: await readStyle(handle) });
  }
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());

  const invisible: string[] = [];
  for (const { handle, name, focused } of visited) {
    const unfocused = await readStyle(handle);
    if (JSON.stringify(focused) === JSON.stringify(unfocused)) invisible.push(name);
  }
  expect(visited.length, "the page has focusable elements").toBeGreaterThan(1);
  return invisible;
}
