import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";

// UI.md, Reflow: what a person came for is at the top, not 2,000 px down. A Chief Executive's inbox at a
// trust's real volume runs to 19,000 px on a phone (reviews due 4,500 px down): it opens with its lists.

test("on a phone the Chief Executive's inbox opens with its lists, each one tap away with its count", async ({ page }) => {
  await signIn(page, demo("ce.rna"));
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto("/inbox");
  const contents = page.getByRole("navigation", { name: "On this page" });
  expect(await contents.evaluate((el) => el.getBoundingClientRect().top + window.scrollY)).toBeLessThan(2000);
  const entries = await contents.getByRole("link").allTextContents();
  expect(entries.map((e) => e.replace(/ \(\d[\d,]*\)$/, ""))).toEqual(["Awaiting sign-off", "Your drafts", "Declined by the Chair", "Reviews due"]);
  // The counts are the lists' headings' counts.
  const reviews = contents.getByRole("link", { name: /^Reviews due/ });
  const count = (await reviews.textContent())!.match(/\((\d[\d,]*)\)/)![1];
  await expect(page.getByRole("heading", { level: 2, name: /^Reviews due/ })).toContainText(`(${count})`);
  await reviews.click();
  await expect(page).toHaveURL(/#reviews-due$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Reviews due/ })).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page);
});

test("a board member's inbox lists what waits for their position and the reviews due", async ({ page }) => {
  await signIn(page, demo("ned1.rna"));
  await page.goto("/inbox");
  const entries = await page.getByRole("navigation", { name: "On this page" }).getByRole("link").allTextContents();
  expect(entries.map((e) => e.replace(/ \(\d[\d,]*\)$/, ""))).toEqual(["Awaiting your position", "Reviews due"]);
});
