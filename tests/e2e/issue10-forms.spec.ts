import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";
import { DecisionForm } from "./pages/decision-form";

// Issue 10 items 5, 7 and 9: check before you submit, Day / Month / Year dates, keyboard focus and 40 px targets.

async function noSidewaysScroll(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll).toBeLessThanOrEqual(client);
}

test("an unready draft lists what is missing, and the check page puts each problem at the top as a link to its field", async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await signIn(page, demo("ce.rnb"));
  await page.goto("/decisions/new");
  const form = new DecisionForm(page);
  await page.getByLabel("Title", { exact: true }).fill("Share a discharge hub with the acute trust");
  await form.fillDate("decidedOn", "2026-11-20");
  await form.saveDraft();
  await expect(page.getByText("Your draft has been saved")).toBeVisible();
  const decisionUrl = page.url().replace(/\?.*$/, "");

  // The decision page: what is missing, not a Submit button that can only fail.
  const missing = page.getByTestId("submit-missing");
  await expect(missing).toContainText("Enter a summary of the decision");
  await expect(page.getByRole("link", { name: "Submit for sign-off" })).toHaveCount(0);
  await expectAccessible(page);

  // The check page: "There is a problem" at the top, focused, each problem a link.
  await page.goto(`${decisionUrl}/submit`);
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toBeVisible();
  await expect(summary).toBeFocused();
  const box = await summary.boundingBox();
  expect(box!.y).toBeLessThan(400);
  await expect(summary.getByRole("link", { name: "Enter the rationale: why this option was chosen" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByRole("button", { name: "Submit for sign-off" })).toHaveCount(0);
  await expectAccessible(page);
  for (const width of [1280, 320]) {
    await page.setViewportSize({ width, height: 900 });
    await noSidewaysScroll(page);
    await page.screenshot({ path: testInfo.outputPath(`check-page-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Following a problem lands on the question, its label in view and its error shown beside it.
  await summary.getByRole("link", { name: "Enter the rationale: why this option was chosen" }).click();
  await expect(page).toHaveURL(/\/edit\?check=1#field-rationale$/);
  await expect(page.locator("#field-rationale-error")).toContainText("Enter the rationale");
  await expect(page.locator('label[for="field-rationale"]')).toBeInViewport();
  await expect(page.locator("#field-rationale")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page);
});

test("dates are Day / Month / Year boxes; removing a row keeps focus in the form; radios are 40 px", async ({ page }) => {
  await signIn(page, demo("ce.rnb"));
  await page.goto("/decisions/new");
  const decided = page.getByRole("group", { name: "Date decided" });
  await expect(decided).toContainText("For example, 27 3 2027");
  await expect(decided.getByLabel("Day")).toBeVisible();
  await expect(decided.getByLabel("Month")).toBeVisible();
  await expect(decided.getByLabel("Year")).toBeVisible();
  await expect(page.locator('input[type="date"]')).toHaveCount(0);
  const radio = await page.getByRole("radio", { name: "Deficit" }).boundingBox();
  expect(radio!.width).toBeGreaterThanOrEqual(40);
  expect(radio!.height).toBeGreaterThanOrEqual(40);

  const form = new DecisionForm(page);
  await page.getByLabel("Title", { exact: true }).fill("Dates and focus");
  await form.fillDate("decidedOn", "2026-02-31");
  await form.saveDraft();
  await expect(form.errorSummary).toContainText("Date decided must be a real date, for example 27 3 2027");
  await expect(page.locator("#field-decidedOn")).toHaveValue("31");

  // Three criteria: removing the second moves focus to the (new) second row's first field.
  await page.locator("#field-criteria-0-statement").fill("First");
  await page.getByRole("button", { name: "Add another success criterion" }).click();
  await page.locator("#field-criteria-1-statement").fill("Second");
  await page.getByRole("button", { name: "Add another success criterion" }).click();
  await page.locator("#field-criteria-2-statement").fill("Third");
  await page.getByRole("button", { name: "Remove success criterion 2" }).click();
  await expect(page.locator("#field-criteria-1-statement")).toBeFocused();
  await expect(page.locator("#field-criteria-1-statement")).toHaveValue("Third");
  // Removing the last row moves focus to the Add button.
  await page.getByRole("button", { name: "Remove success criterion 2" }).click();
  await expect(page.getByRole("button", { name: "Add another success criterion" })).toBeFocused();
  await expectAccessible(page);
});
