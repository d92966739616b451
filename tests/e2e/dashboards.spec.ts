import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";
import { DashboardPage } from "./pages/dashboard";

// On the demo data (30 decisions across both ICSs, every state): the pages, their filters, links and
// access. The exact figures are covered by tests/integration/dashboards.test.ts on a fixture with known answers.

const panelsLoaded = (page: Page) => new DashboardPage(page).panelsLoaded();

test("the ICS lead opens the ICS dashboard, changes a filter and follows a number to its decisions", async ({ page }) => {
  await signIn(page, demo("ics.qnv"));
  await expect(page).toHaveURL(/\/dashboard\/ics\/QNV$/);
  await expect(page.getByRole("heading", { level: 1, name: "Integrated Care System (ICS) dashboard" })).toBeVisible();
  await panelsLoaded(page);
  for (const title of ["Register of decisions", "Balance between system and trust", "Outcomes by side", "Factors weighed", "Word pairs", "Reciprocity: who helped whom", "Sign-off"]) {
    await expect(page.getByRole("heading", { level: 2, name: title })).toBeVisible();
  }
  // The demo makes the panels meaningful: the register panel counts decisions and every chart has its table.
  await expect(page.getByText("No decisions yet match these filters")).toHaveCount(0);
  await expect(page.getByRole("img", { name: /bar chart/ }).first()).toBeVisible();
  await expectAccessible(page);

  await new DashboardPage(page).filterBy("Side favoured", "system");
  await expect(page).toHaveURL(/favoured=system/);
  await panelsLoaded(page);
  await expect(page.getByLabel("Side favoured", { exact: true })).toHaveValue("system");
  await expect(page.getByRole("link", { name: "Clear filters" })).toBeVisible();
  await expectAccessible(page);

  // Follow the register's count to the decisions behind it: the ICS lead's list holds the shared ones
  // and says how many more are visible to their trust boards only.
  const total = page.getByRole("link", { name: /^[1-9]\d* decisions in the register$/ });
  await expect(total).toHaveAttribute("href", /^\/decisions\?ics=QNV.*favoured=system/);
  await total.click();
  await expect(page).toHaveURL(/\/decisions\?ics=QNV.*favoured=system/);
  await expect(page.getByRole("status").filter({ hasText: "visible to their trust boards only" })).toContainText(/shared with the ICS, and \d+ decisions? visible to their trust boards only/);
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  await expectAccessible(page);

  // A reciprocity number leads to the decisions that helped that trust, with the filter shown and removable.
  await new DashboardPage(page).goto("/dashboard/ics/QNV");
  const received = page.getByRole("link", { name: /^[1-9]\d* decisions by which .+ was helped$/ }).first();
  await expect(received).toHaveAttribute("href", /beneficiary=RN[A-E]/);
  await received.click();
  await expect(page).toHaveURL(/beneficiary=RN[A-E]/);
  const chip = page.getByRole("link", { name: /Named RN[A-E] as benefiting/ });
  await expect(chip).toBeVisible();
  // A beneficiary is a fine filter: the count of board-only decisions is not given with it (issue 15, finding 4).
  await expect(page.locator("table tbody tr").first()).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "visible to their trust boards only" })).toHaveCount(0);
  await expectAccessible(page);
  await chip.click();
  await expect(page).not.toHaveURL(/beneficiary=/);
});

test("the national analyst sees only aggregates", async ({ page }) => {
  await signIn(page, demo("analyst"));
  await expect(page).toHaveURL(/\/dashboard\/national$/);
  await expect(page.getByRole("heading", { level: 1, name: "National dashboard" })).toBeVisible();
  await panelsLoaded(page);
  await expect(page.getByText("any count of 1 or 2 is shown as “fewer than 3”")).toBeVisible();
  // The demo's small cells are suppressed.
  await expect(page.getByText("fewer than 3").first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Register of decisions" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Reciprocity: who helped whom" })).toHaveCount(0);
  await expect(page.getByLabel("Trust", { exact: true })).toHaveCount(0);
  await expect(page.locator('main a[href^="/decisions"]')).toHaveCount(0);
  await expect(page.getByLabel("Integrated Care System", { exact: true })).toBeVisible();
  // No decision title, no trust name, no Chief Executive anywhere on the page.
  const text = await page.locator("main").innerText();
  for (const leak of ["Jointly fund 12 mental health crisis beds", "Northvale Mental Health NHS Trust", "Helen Marsh"]) expect(text).not.toContain(leak);
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
