import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";

// The demo at first start on this branch has people but no decisions: these tests check the pages,
// their filters, links and access with every panel in its empty state. The figures themselves are
// covered by tests/integration/dashboards.test.ts on a fixture with known answers.

async function panelsLoaded(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

test("the ICS lead opens the ICS dashboard, changes a filter and follows a number to its decisions", async ({ page }) => {
  await signIn(page, demo("ics.qnv"));
  await expect(page).toHaveURL(/\/dashboard\/ics\/QNV$/);
  await expect(page.getByRole("heading", { level: 1, name: "Integrated Care System (ICS) dashboard" })).toBeVisible();
  await panelsLoaded(page);
  for (const title of ["Register of decisions", "Balance between system and trust", "Outcomes by side", "Factors weighed", "Word pairs", "Reciprocity: who helped whom", "Sign-off"]) {
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  }
  await expect(page.getByText("No decisions yet match these filters").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Side favoured").selectOption("trust");
  await page.getByLabel("Trust type").selectOption("acute");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/favoured=trust/);
  await expect(page).toHaveURL(/trustType=acute/);
  await panelsLoaded(page);
  await expect(page.getByLabel("Side favoured")).toHaveValue("trust");
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();
  await expectAccessible(page);

  const total = page.getByRole("link", { name: "0 decisions in the register" });
  await expect(total).toHaveAttribute("href", "/decisions?ics=QNV&trustType=acute&favoured=trust");
  await total.click();
  await expect(page).toHaveURL(/\/decisions\?ics=QNV&trustType=acute&favoured=trust$/);
  await expectAccessible(page);
});

test("the national analyst sees only aggregates", async ({ page }) => {
  await signIn(page, demo("analyst"));
  await expect(page).toHaveURL(/\/dashboard\/national$/);
  await expect(page.getByRole("heading", { level: 1, name: "National dashboard" })).toBeVisible();
  await panelsLoaded(page);
  await expect(page.getByText("any count of 1 or 2 is shown as “fewer than 3”")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Register of decisions" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reciprocity: who helped whom" })).toHaveCount(0);
  await expect(page.getByLabel("Trust", { exact: true })).toHaveCount(0);
  await expect(page.locator('main a[href^="/decisions"]')).toHaveCount(0);
  await expect(page.getByLabel("Integrated Care System")).toBeVisible();
  await expectAccessible(page);
});

test("an ICS lead cannot open another ICS's dashboard, nor a board member another trust's", async ({ page }) => {
  await signIn(page, demo("ics.qnv"));
  await expect(page).toHaveURL(/\/dashboard\/ics\/QNV$/);
  await page.goto("/dashboard/ics/QSM");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expectAccessible(page);
  await page.goto("/dashboard/national");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});

test("a board member sees their trust's dashboard but not another trust's", async ({ page }) => {
  await signIn(page, demo("chair.rna"));
  await expect(page).toHaveURL(/\/inbox$/);
  await page.goto("/dashboard/trust/RNA");
  await expect(page.getByRole("heading", { level: 1, name: "Trust dashboard" })).toBeVisible();
  await panelsLoaded(page);
  await expectAccessible(page);
  await page.goto("/dashboard/trust/RSA");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
});
