import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";
import { DecisionForm } from "./pages/decision-form";

const XSS = "<img src=x onerror=alert(1)>";


test("a Chief Executive records, submits and amends a decision, and sees the diff and both hashes", async ({ page }) => {
  test.setTimeout(180_000); // a long journey with eleven accessibility checks, on a shared machine
  const dialogs: string[] = [];
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await signIn(page, demo("ce.rna"));
  await page.goto("/decisions");
  await expect(page.getByRole("heading", { name: "Decisions", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Record a decision" }).first().click();
  await expect(page.getByRole("heading", { name: "Record a decision" })).toBeVisible();
  await expectAccessible(page);

  // A save without a title is refused, naming the field, and keeps what was typed.
  const form = new DecisionForm(page);
  await form.field("Summary").fill("Typed before the error");
  await form.saveDraft();
  await expect(form.errorSummary).toContainText("Enter a title");
  await expect(form.field("Summary")).toHaveValue("Typed before the error");
  await expectAccessible(page);

  await page.getByLabel("Title", { exact: true }).fill("Host the ICS's shared stroke rehabilitation beds");
  await page.getByLabel("Summary", { exact: true }).fill("We will run 20 community stroke rehabilitation beds for the ICS from April.\nFunded for one year.");
  await form.fillDate("decidedOn", "2026-11-20");
  await page.getByLabel(/^The system/).check();
  await page.getByLabel("Category").selectOption("service");
  await page.getByRole("radio", { name: "Deficit" }).check();
  await page.getByLabel("Surplus or deficit, £m").fill("-12");
  await page.getByLabel("Options considered").fill("Decline; take on at cost; take on with a risk share.");
  await page.getByLabel("Rationale", { exact: true }).fill(`Patients leave acute beds sooner. ${XSS}`);
  await page.getByRole("checkbox", { name: /^Population and clinical outcomes/ }).check();
  await page.getByRole("checkbox", { name: /^Relationships and reciprocity/ }).check();
  await page.getByLabel("On the trust, £k").fill("-250");
  await page.getByLabel("On the system, £k").fill("1200");

  await page.getByRole("button", { name: "Add an organisation" }).click();
  await page.locator("#field-organisations-0-ods").selectOption("RNB");
  await page.locator("#field-organisations-0-role").selectOption("benefits");
  await page.locator("#field-organisations-0-amountK").fill("300");
  await page.getByRole("button", { name: "Add another organisation" }).click();
  await page.locator("#field-organisations-1-ods").selectOption("RNA");
  await page.locator("#field-organisations-1-role").selectOption("bears_cost");
  await page.locator("#field-organisations-1-amountK").fill("-250");

  await form.fillCriterion(0, { statement: "Delayed discharges fall", measure: "Daily delayed discharges", baseline: "42", target: "30", judgedBy: "2027-06-30" });
  // Rows can be added and removed without losing what is typed in the others.
  await page.getByRole("button", { name: "Add another success criterion" }).click();
  await page.locator("#field-criteria-1-statement").fill("A row to remove");
  await page.getByRole("button", { name: "Add another success criterion" }).click();
  await page.getByRole("button", { name: "Remove success criterion 2" }).click();
  await expect(page.locator("#field-criteria-0-statement")).toHaveValue("Delayed discharges fall");
  await form.fillCriterion(1, { statement: "Stroke patients go home sooner", measure: "Median length of stay", baseline: "18 days", target: "14 days", judgedBy: "2027-09-30" });
  await page.getByRole("radio", { name: "Shared with the Integrated Care System (ICS)" }).check();
  await page.getByRole("button", { name: "Save draft" }).click();

  await expect(page.getByText("Your draft has been saved")).toBeVisible();
  await expect(page.getByText(`Patients leave acute beds sooner. ${XSS}`)).toBeVisible();
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  await expect(page.getByText("Northvale Mental Health NHS Trust (RNB): benefits, £300k")).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  await expect(page.getByRole("heading", { name: "Check before you submit" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("submitted for sign-off. Its content and success criteria are now frozen")).toBeVisible();
  await expect(page.getByText("Awaiting sign-off").first()).toBeVisible();
  const hash1 = (await page.getByTestId("hash-v1").textContent())!.trim();
  expect(hash1).toMatch(/^[0-9a-f]{64}$/);
  await expectAccessible(page);

  await page.getByRole("link", { name: /Amend/ }).click();
  await expect(page.getByRole("heading", { name: "Amend the decision" })).toBeVisible();
  await expectAccessible(page);
  await page.locator("#field-criteria-0-target").fill("25");
  await page.getByRole("button", { name: "Save amendment as version 2" }).click();
  await expect(page.getByText("Your amendment has been saved as a new version")).toBeVisible();
  const hash2 = (await page.getByTestId("hash-v2").textContent())!.trim();
  await expect(page.getByTestId("hash-v1")).toHaveText(hash1);
  expect(hash2).toMatch(/^[0-9a-f]{64}$/);
  expect(hash2).not.toBe(hash1);
  await expect(page.getByText("Amended the decision, making version 2: success criteria")).toBeVisible();

  await page.getByRole("link", { name: "View and compare version 2" }).click();
  await expect(page.getByRole("heading", { name: "What changed from version 1" })).toBeVisible();
  await expect(page.getByTestId("version-hash")).toHaveText(hash2);
  await expect(page.getByText("Recomputed from the stored content just now: it matches.")).toBeVisible();
  const row = page.getByRole("row", { name: /Success criterion 1/ });
  // The changed word is marked inside the field (issue 10 item 10), not only the whole field side by side.
  await expect(row.locator("del")).toHaveText("[removed: 30]");
  await expect(row.locator("ins")).toHaveText("[added: 25]");
  await expectAccessible(page);

  await page.getByRole("link", { name: "View version 1" }).click();
  await expect(page.getByTestId("version-hash")).toHaveText(hash1);
  await expectAccessible(page);

  // The register shows it, found by full-text search, with filters kept in the address.
  await page.goto("/decisions?q=stroke&favoured=system");
  await expect(page.getByRole("link", { name: "Host the ICS's shared stroke rehabilitation beds" })).toBeVisible();
  await expectAccessible(page);
  expect(dialogs).toEqual([]);
});

test("a form body over 1 MB is refused with a message naming the field, never an error page", async ({ page }) => {
  await signIn(page, demo("ce.rnb"));
  await page.goto("/decisions/new");
  const form = new DecisionForm(page);
  await form.field("Title").fill("Too long");
  await form.field("Rationale").fill("x".repeat(1_100_000));
  await form.saveDraft();
  const summary = form.errorSummary;
  await expect(summary).toContainText("Rationale must be 20,000 characters or fewer");
  await expect(page).toHaveURL(/\/decisions\/new$/);
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Too long");
  await expectAccessible(page);
  // Within the body limit but over the field's: the server says the same.
  await form.field("Rationale").fill("x".repeat(20_001));
  await form.saveDraft();
  await expect(summary).toContainText("Rationale must be 20,000 characters or fewer");
});

test("a board member reads a submitted decision but cannot edit it, and another trust's Chief Executive gets not found", async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page, demo("ce.rnc"));
  await page.goto("/decisions/new");
  await page.getByLabel("Title", { exact: true }).fill("Joint community nursing rota");
  await page.getByLabel("Summary", { exact: true }).fill("Share night nursing cover with the acute trust.");
  await new DecisionForm(page).fillDate("decidedOn", "2026-11-02");
  await page.getByLabel(/^The trust/).check();
  await page.getByLabel("Category").selectOption("workforce");
  await page.getByLabel("Rationale", { exact: true }).fill("Our own patients first.");
  const form = new DecisionForm(page);
  await form.fillCriterion(0, { statement: "No unfilled night shifts", measure: "Unfilled shifts a month", baseline: "12", target: "0", judgedBy: "2027-05-01" });
  await form.saveDraft();
  await expect(page.getByText("Your draft has been saved")).toBeVisible();
  const url = page.url().replace(/\?.*$/, "");
  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("now frozen")).toBeVisible();

  const chairContext = await browser.newContext();
  const chair = await chairContext.newPage();
  await signIn(chair, demo("chair.rnc"));
  await expect(chair.getByRole("heading", { level: 1 })).toBeVisible(); // the home page has rendered
  await chair.goto(url);
  await expect(chair.getByRole("heading", { name: "Joint community nursing rota" })).toBeVisible();
  await expect(chair.getByRole("link", { name: /Amend|Edit/ })).toHaveCount(0);
  await chair.getByLabel("Add a comment").fill("What does the acute trust give back?");
  await chair.getByLabel("This is a question that needs an answer").check();
  await chair.getByRole("button", { name: "Add comment" }).click();
  await expect(chair.getByText("Question, not answered yet")).toBeVisible();
  await expectAccessible(chair);
  const edit = await chair.goto(`${url}/edit`);
  expect(edit?.status()).toBe(404);
  await chairContext.close();

  const otherContext = await browser.newContext();
  const other = await otherContext.newPage();
  await signIn(other, demo("ce.rnd"));
  await expect(other.getByRole("heading", { level: 1 })).toBeVisible();
  const res = await other.goto(url);
  expect(res?.status()).toBe(404);
  await other.goto("/decisions?q=nursing");
  await expect(other.getByText("Joint community nursing rota")).toHaveCount(0);
  await expectAccessible(other);
  await otherContext.close();

  // The ICS lead: a trust-board-only decision is counted, never shown.
  const icsContext = await browser.newContext();
  const ics = await icsContext.newPage();
  await signIn(ics, demo("ics.qnv"));
  await expect(ics.getByRole("heading", { level: 1 })).toBeVisible();
  await ics.goto("/decisions");
  await expect(ics.getByText(/visible to their trust boards only/)).toBeVisible();
  await expect(ics.getByText("Joint community nursing rota")).toHaveCount(0);
  await expectAccessible(ics);
  expect((await ics.goto(url))?.status()).toBe(404);
  await icsContext.close();
});
