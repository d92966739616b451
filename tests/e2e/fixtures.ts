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
