import { expect, test } from "@playwright/test";
import { demo, expectAccessible, expectNoSideScroll, signIn } from "./fixtures";

// Issue 10 item 11: a board member on a phone finds "Record your position" at the top of the decision,
// and the conflict-of-interest text appears only once an interest is declared.

test.use({ viewport: { width: 390, height: 844 } });

test("a board member on a phone jumps from the top of the decision to the position form", async ({ page }) => {
  await signIn(page, demo("ned2.rna"));
  await page.goto("/decisions?status=awaiting_sign_off&trust=RNA");
  await page.locator("main table a[href^='/decisions/']").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Your position is needed" })).toBeVisible();

  // The button is on the first screen, not thousands of pixels down.
  const jump = page.getByRole("link", { name: "Record your position" });
  await expect(jump).toBeInViewport();
  await expectNoSideScroll(page);
  await expectAccessible(page);

  await jump.click();
  await expect(page).toHaveURL(/#record-position$/);
  await expect(page.getByRole("heading", { name: "Record my position" })).toBeInViewport();

  // Conditional reveal: no description box until an interest is declared.
  const description = page.getByLabel("Description of your conflict of interest");
  await expect(description).toBeHidden();
  await page.getByRole("radio", { name: "I have an interest to declare" }).check();
  await expect(description).toBeVisible();
  await page.getByRole("radio", { name: "I have no interest to declare" }).check();
  await expect(description).toBeHidden();
});

test("someone with no position to record sees no prompt", async ({ page }) => {
  await signIn(page, demo("ce.rna"));
  await page.goto("/decisions?status=awaiting_sign_off&trust=RNA");
  await page.locator("main table a[href^='/decisions/']").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Your position is needed" })).toHaveCount(0);
});

test("on a phone the register fetches nothing for its links until one is followed", async ({ page }) => {
  await signIn(page, demo("ce.rna"));
  // Next's prefetch of a link in view is a request for the route's RSC payload (an RSC header).
  const prefetched: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["rsc"] || r.headers()["next-router-prefetch"]) prefetched.push(r.url());
  });
  await page.goto("/decisions");
  const links = page.locator("main table a[href^='/decisions/']");
  await expect(links.first()).toBeVisible();
  expect(await links.count()).toBeGreaterThan(1);
  await page.waitForLoadState("networkidle");
  await links.first().scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  expect(prefetched).toEqual([]);

  await links.first().click();
  await expect(page).toHaveURL(/\/decisions\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
