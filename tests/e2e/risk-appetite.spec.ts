import { expect, test } from "@playwright/test";
import { demo, expectAccessible, expectNoSideScroll, signIn, signOut } from "./fixtures";
import { DecisionForm } from "./pages/decision-form";

// Issue 14, part 1: the Company Secretary sets the board's risk appetite, the Chief Executive records a
// decision above it, and the decision page shows the gate: the Chair's support is needed whatever the
// trust's policy says.

test("the secretary sets the risk appetite, the Chief Executive records a decision outside it, and the gate is shown", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demo("sec.rnc"));
  await page.getByRole("link", { name: "Risk appetite" }).first().click();
  await expect(page.getByRole("heading", { name: "Risk appetite", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // A level without its sentence is refused, naming the field; nothing is saved.
  await page.getByLabel("Appetite for finance").selectOption("minimal");
  await page.getByLabel("The board's statement for finance").fill("");
  await page.getByRole("button", { name: "Save a new version" }).click();
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toContainText("Enter the statement for finance");
  await expectAccessible(page);

  await page.getByLabel("The board's statement for finance").fill("We take minimal financial risk during the recovery plan.");
  await page.getByLabel("Why the board changed it").fill("Board meeting of 3 December");
  await page.getByRole("button", { name: "Save a new version" }).click();
  await expect(page.getByRole("status")).toContainText("Version 2 of the risk appetite has been saved.");
  await expect(page.getByRole("heading", { name: "In force: version 2" })).toBeVisible();
  await page.getByRole("link", { name: "Every version" }).click();
  await expect(page.getByRole("heading", { name: /Version 1/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Version 2/ })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // The Chief Executive records a decision taking open financial risk: above the board's minimal appetite.
  await signIn(page, demo("ce.rnc"));
  await page.goto("/decisions/new");
  const form = new DecisionForm(page);
  await form.field("Title").fill("Underwrite the shared community equipment store");
  await form.field("Summary").fill("We underwrite the ICS's community equipment store for two years.");
  await form.fillDate("decidedOn", "2026-11-30");
  await page.getByLabel(/^The system/).check();
  await page.getByLabel("Category").selectOption("finance");
  await form.field("Rationale").fill("Faster discharges across the system outweigh the risk to our budget.");
  await page.getByLabel("Risk this decision takes in finance").selectOption("open");
  await page.getByLabel("Reason for the risk in finance").fill("We carry any overspend in the first year");
  await form.fillCriterion(0, { statement: "Equipment delivered within 2 days", measure: "Share of orders delivered in 2 days", baseline: "60%", target: "90%", judgedBy: "2027-09-30" });
  await form.saveDraft();
  await expect(page.getByText("Your draft has been saved")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Risk and the board's appetite" })).toBeVisible();
  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  // Check before you submit says it will be outside the appetite in force, in the decision page's words.
  const check = page.getByTestId("submit-outside-appetite");
  await expect(check).toContainText("This decision will be outside the board's risk appetite");
  await expect(check).toContainText("Outside the board's appetite for finance: minimal; this decision: open");
  await expect(check).toContainText("Compared with version 2 of the board's risk appetite");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("now frozen")).toBeVisible();

  const gate = page.getByTestId("outside-appetite");
  await expect(gate).toContainText("Outside the board's appetite for finance: minimal; this decision: open");
  await expect(gate).toContainText("needs the Chair's support to be signed off");
  await expect(page.getByText("Compared with version 2 of the board's risk appetite")).toBeVisible();
  await expectAccessible(page);
  const url = page.url().replace(/\?.*$/, "");

  // The register lists it under outside=1, with its tag.
  await page.goto("/decisions?outside=1&riskDomain=finance");
  await expect(page.getByRole("link", { name: "Underwrite the shared community equipment store" })).toBeVisible();
  await expectAccessible(page);

  // The board paper says so too, and the page works at 320 px.
  await page.goto(`${url}/paper`);
  await expect(page.getByTestId("paper-outside-appetite")).toContainText("Outside the board's appetite for finance: minimal; this decision: open");
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(url);
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signOut(page);

  // The secretary puts it on a private board meeting's agenda: the on-screen cover sheet says it too.
  await signIn(page, demo("sec.rnc"));
  await page.goto("/meetings/new");
  await page.getByLabel("Day").fill("10");
  await page.getByLabel("Month").fill("12");
  await page.getByLabel("Year").fill("2026");
  await page.getByLabel("Start time").fill("14:00");
  await page.getByLabel("Board meeting in private").check();
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page.getByRole("heading", { name: "Board meeting in private of 10 December 2026", level: 1 })).toBeVisible();
  await page.getByLabel("Decision awaiting sign-off").selectOption({ label: "Underwrite the shared community equipment store" });
  await page.getByRole("button", { name: "Add to the agenda" }).click();
  const agenda = page.getByRole("region", { name: "Agenda" });
  await expect(agenda.getByRole("link", { name: "Underwrite the shared community equipment store" })).toBeVisible();
  const cover = agenda.getByTestId(/^item-\d+-outside-appetite$/);
  await expect(cover).toContainText("Outside the board's appetite for finance: minimal; this decision: open");
  await expect(cover).toContainText("needs the Chair's support to be signed off");
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoSideScroll(page);
  await signOut(page);

  // Another trust's secretary: not found.
  await signIn(page, demo("sec.rsa"));
  expect((await page.goto("/trusts/RNC/risk-appetite"))?.status()).toBe(404);
});
