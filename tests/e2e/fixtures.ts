import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { SignInPage } from "./pages/sign-in";

export const DEMO_PASSWORD = "fulcrum-demo-2026";
export const demo = (local: string) => `${local}@fulcrum.demo`;

/** Fails the test on any WCAG 2.2 A/AA violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  // Every page names itself; waiting for the title also lets a refresh after a form post settle.
  await expect(page).toHaveTitle(/\S.* – Fulcrum$|^Fulcrum$/);
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Signs in through the form and waits for the home page. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await new SignInPage(page).signIn(email, password);
}

export async function signOut(page: Page) {
  await new SignInPage(page).signOut();
}

/**
 * WCAG 1.4.10 reflow: at 320 CSS px wide the page does not scroll sideways (a wide table scrolls inside
 * its own region instead). Checks the page as it is now at 320 px, then restores the viewport. Names
 * the elements that stick out, if any.
 */
export async function expectNoSideScroll(page: Page) {
  const before = page.viewportSize();
  await page.setViewportSize({ width: 320, height: before?.height ?? 720 });
  try {
    const result = await page.evaluate(() => {
      const doc = document.documentElement;
      const limit = doc.clientWidth;
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o !== "visible") return true;
        }
        return false;
      };
      const culprits: string[] = [];
      for (const el of Array.from(document.body.querySelectorAll("*"))) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.right <= limit + 1 || clipped(el)) continue;
        const id = el.id ? `#${el.id}` : "";
        const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).slice(0, 3).join(".")}` : "";
        culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(r.right)} px)`);
        if (culprits.length >= 5) break;
      }
      return { scrollWidth: doc.scrollWidth, limit, culprits };
    });
    expect(result.scrollWidth, `${page.url()} scrolls sideways at 320 px: ${result.culprits.join("; ")}`).toBeLessThanOrEqual(result.limit);
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
