import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";
import { DashboardPage } from "./pages/dashboard";

// Issue 10 items 12, 13 and 15 on the demo data, as a person sees them: chart text at least 12 px at
// 1280 and 320 px wide, hidden national figures drawn as "not shown" (never as nought), zero counts as
// plain text, whole days, tags that differ, and the register's trust filter.

/** The smallest rendered font size of any text in a visible chart, in CSS px. */
async function smallestChartText(page: Page): Promise<number> {
  return page.evaluate(() => {
    let min = Infinity;
    for (const svg of Array.from(document.querySelectorAll("figure svg"))) {
      const box = svg.getBoundingClientRect();
      if (!box.width) continue;
      const scale = box.width / Number(svg.getAttribute("width"));
      for (const t of Array.from(svg.querySelectorAll("text"))) {
        const m = /font-size:\s*([\d.]+)px/.exec(t.getAttribute("style") ?? "");
        if (m) min = Math.min(min, Number(m[1]) * scale);
      }
    }
    return min;
  });
}

for (const [who, path] of [
  ["chair.rna", "/dashboard/trust/RNA"],
  ["ics.qnv", "/dashboard/ics/QNV"],
  ["analyst", "/dashboard/national"],
] as const) {
  test(`${path}: chart text is at least 12 px at 1280 and 320 px, and no zero count is a link`, async ({ page }) => {
    await signIn(page, demo(who));
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await new DashboardPage(page).goto(path);
      await expect(page.locator("figure svg:visible").first()).toBeVisible();
      expect(await smallestChartText(page), `smallest chart text at ${width} px`).toBeGreaterThanOrEqual(12);
    }
    // Zero cells are plain text, not links to an empty list.
    const zeroLinks = await page.locator("main a").evaluateAll((as) => as.filter((a) => /^0(\s|$)/.test(a.textContent?.trim() ?? "")).length);
    expect(zeroLinks).toBe(0);
    // Median days in whole days (sign-off, and Chair's action to ratification).
    const medians = page.locator("dt", { hasText: "Median days" }).locator("xpath=following-sibling::dd[1]");
    expect(await medians.count()).toBe(2);
    for (const median of await medians.all()) await expect(median).toHaveText(/^(–|\d+(\s.*)?)$/);
  });
}

test("on a phone every panel is one tap from the top: the contents list sits in the first 2,000 px and each entry lands on its panel", async ({ page }) => {
  await signIn(page, demo("ics.qnv"));
  await page.setViewportSize({ width: 320, height: 800 });
  await new DashboardPage(page).goto("/dashboard/ics/QNV");
  const contents = page.getByRole("navigation", { name: "On this page" });
  const top = await contents.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(top).toBeLessThan(2000);
  const entries = contents.getByRole("link");
  const titles = await entries.allTextContents();
  expect(titles).toEqual([
    "Filter the decisions",
    "Register of decisions",
    "Balance between system and trust",
    "Outcomes by side",
    "Factors weighed",
    "Word pairs",
    "Reciprocity: who helped whom",
    "Sign-off",
    "Chair's action and ratification",
    "Decisions outside the board's risk appetite",
  ]);
  // Follow one far down the page: its heading is then on screen, without scrolling sideways.
  await contents.getByRole("link", { name: "Sign-off", exact: true }).click();
  await expect(page).toHaveURL(/#sign-off$/);
  const heading = page.getByRole("heading", { level: 2, name: "Sign-off", exact: true });
  await expect(heading).toBeInViewport();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await expectAccessible(page);
});

test("the national charts draw hidden counts as a hatched 'not shown' mark, and the outcomes chart is not empty", async ({ page }) => {
  await signIn(page, demo("analyst"));
  await new DashboardPage(page).goto("/dashboard/national");
  const category = page.getByRole("img", { name: /^Decisions by category/ });
  await expect(category).toContainText("Hatched: not shown");
  const outcomes = page.getByRole("img", { name: /^Assessed success criteria/ });
  await expect(outcomes).toBeVisible();
  // The system side's assessed criteria are drawn: its bar is labelled, and the hidden ones are hatched.
  await expect(outcomes).toContainText("Favoured the system");
  await expect(outcomes).toContainText("Hatched: not shown");
  await expect(outcomes.locator("pattern")).not.toHaveCount(0);
  await expectAccessible(page);
});

test("the register: a trust filter control, a whole 'Favoured' header, Reviewed and System tags in different colours", async ({ page }) => {
  await signIn(page, demo("ics.qnv"));
  await page.goto("/decisions?ics=QNV");
  const trust = page.getByLabel("Trust", { exact: true });
  await expect(trust).toBeVisible();
  await trust.selectOption({ index: 1 });
  const chosen = await trust.inputValue();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`trust=${chosen}`));
  await expect(page.getByLabel("Trust", { exact: true })).toHaveValue(chosen);

  await page.goto("/decisions?ics=QNV&status=reviewed");
  await expect(page.getByRole("button", { name: /^Favoured ?, sort/ })).toBeVisible();
  const header = page.getByRole("columnheader", { name: /Favoured/ });
  const fits = await header.evaluate((th) => th.scrollWidth <= th.clientWidth);
  expect(fits).toBe(true);
  const colour = (name: string) => page.locator("main table strong", { hasText: new RegExp(`^${name}$`) }).first().evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(await colour("Reviewed")).not.toBe(await colour("System"));
  // A trust name in the ICS register wraps to no more than three lines at 1280 px.
  const name = page.locator("main table tbody td:last-child span.block").first();
  const lines = await name.evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight)));
  expect(lines).toBeLessThanOrEqual(3);
  await expectAccessible(page);
});
