import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";
import { SignOffPanel } from "./pages/sign-off-panel";

// Drives board sign-off and outcome review through the browser on a demo decision awaiting sign-off
// at Northvale Mental Health (RNB). The Chief Executive's submission through the form, reaching each board
// member's inbox, is the last test of this file.
const TITLE = "Jointly fund 12 mental health crisis beds with county social care";
const OBJECTION = "The council's 40% share is only agreed for one year; I want the second year secured first.";

async function openFromInbox(page: Page, title: string) {
  await page.goto("/inbox");
  await expect(page.getByRole("heading", { name: "Inbox" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

const recordPosition = (page: Page, position: RegExp, comment?: string) => new SignOffPanel(page).recordPosition(position, comment);

test("the board signs off a decision, dissent stays visible, and the Chief Executive reviews the outcomes", async ({ page }) => {
  // Five sign-ins and a dozen axe checks on a shared two-core machine: longer than the default minute.
  test.setTimeout(240_000);
  // A Non-Executive Director objects; a comment is required.
  await signIn(page, demo("ned2.rnb"));
  await openFromInbox(page, TITLE);
  const decisionUrl = page.url();
  await expect(page.getByText("Sign-off needs 3 supporting board members, including the Chair.")).toBeVisible();
  await expectAccessible(page);
  await recordPosition(page, /^Object/);
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Enter a comment saying why you object");
  await expectAccessible(page);
  await recordPosition(page, /^Object/, OBJECTION);
  await expect(page.getByRole("status")).toContainText("Your position has been recorded.");
  await expect(page.getByText(OBJECTION).first()).toBeVisible();
  // Answered: it leaves this member's inbox.
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: TITLE })).toHaveCount(0);
  await signOut(page);

  // The Chair and the other NED support, one after another.
  for (const member of ["chair.rnb", "ned1.rnb"]) {
    await signIn(page, demo(member));
    await openFromInbox(page, TITLE);
    await recordPosition(page, /^Support/);
    await expect(page.getByRole("status")).toContainText("Your position has been recorded.");
    await expect(page.getByText("The decision is now signed off")).toHaveCount(0);
    await expectAccessible(page);
    await signOut(page);
  }

  // The objecting NED changes their mind: the new position completes the quorum.
  await signIn(page, demo("ned2.rnb"));
  await page.goto(decisionUrl);
  await recordPosition(page, /^Support/, "The council confirmed the second year at its cabinet meeting.");
  const banner = page.getByText(/^Signed off on .* against version 1, hash [0-9a-f]{64}\.$/);
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Margaret Lowe (Chair)");
  await expect(page.getByText("Signed off", { exact: true })).toBeVisible();
  // The objection stays on the page after sign-off, marked as replaced.
  await expect(page.getByText(OBJECTION).first()).toBeVisible();
  await expect(page.getByText("Not counted: replaced by a later position.")).toBeVisible();
  await expect(new SignOffPanel(page).recordButton).toHaveCount(0);
  await expectAccessible(page);
  await signOut(page);

  // The Chief Executive records the outcomes; the decision becomes reviewed.
  await signIn(page, demo("ce.rnb"));
  await expect(page).toHaveURL(/\/inbox$/);
  await expectAccessible(page);
  await page.goto(decisionUrl);
  await expect(page.getByText(/against version 1, hash/)).toBeVisible();
  for (const [n, outcome, evidence] of [
    [1, "Partly met", "12-hour waits fell from 64 to 41 a month."],
    [2, "Met", "Occupancy 86% from April to June."],
  ] as const) {
    // The form opens for the criterion being assessed only.
    await page.getByText(`Record an outcome for criterion ${n}`, { exact: true }).click();
    await page.getByRole("group", { name: `Outcome of criterion ${n}` }).getByLabel(outcome, { exact: true }).check();
    const early = page.getByTestId(`outcome-form-${n}`).getByLabel("I am assessing this criterion before its judged-by date");
    if (await early.count()) await early.check();
    await page.getByLabel(`Evidence for criterion ${n}`).fill(evidence);
    await page.getByRole("button", { name: `Record outcome for criterion ${n}` }).click();
    await expect(page.getByText(evidence)).toBeVisible();
  }
  await expect(page.getByRole("status").filter({ hasText: "the decision is reviewed" })).toBeVisible();
  await expect(page.getByText("Reviewed", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("an objection on a signed-off demo decision is visible on the decision page", async ({ page }) => {
  await signIn(page, demo("ce.rnb"));
  await page.getByRole("link", { name: "Lend our psychiatric liaison team to Eastfield's emergency department overnight" }).first().click();
  await expect(page.getByText(/^Signed off on .* against version 1, hash/)).toBeVisible();
  const dissent = page.getByRole("heading", { name: "Objections and abstentions" });
  await expect(dissent).toBeVisible();
  await expect(page.getByText("Our own community teams are already short.", { exact: false }).first()).toBeVisible();
  await expectAccessible(page);
});

test("a board member of another trust gets not found for the decision", async ({ page }) => {
  await signIn(page, demo("ned1.rnb"));
  // Reviews due at my trust are on a board member's inbox too.
  await page.getByRole("link", { name: "Lend our psychiatric liaison team to Eastfield's emergency department overnight" }).first().click();
  await expect(page).toHaveURL(/\/decisions\/[0-9a-f-]{36}$/);
  const url = page.url();
  await signOut(page);
  await signIn(page, demo("ned1.rsa"));
  const res = await page.goto(url);
  expect(res?.status()).toBe(404);
  await expect(page.getByText("Lend our psychiatric liaison team")).toHaveCount(0);
  await expectAccessible(page);
});

test("a Chief Executive submits a draft and it reaches each board member's inbox, once", async ({ page }) => {
  test.setTimeout(120_000);
  const DRAFT = "Bring our out-of-area placements home before offering beds to the system";
  await signIn(page, demo("ce.rnb"));
  await page.goto("/inbox");
  await page.getByRole("link", { name: DRAFT }).click();
  await expect(page.getByRole("heading", { level: 1, name: DRAFT })).toBeVisible();
  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  await expect(page.getByRole("heading", { name: "Check before you submit" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("submitted for sign-off. Its content and success criteria are now frozen")).toBeVisible();
  await expect(page.getByText("Awaiting sign-off", { exact: true }).first()).toBeVisible();
  await signOut(page);

  await signIn(page, demo("chair.rnb"));
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: DRAFT })).toBeVisible();
  await page.getByRole("link", { name: DRAFT }).click();
  await recordPosition(page, /^Support/);
  await expect(page.getByRole("status")).toContainText("Your position has been recorded.");
  // Answered: never nagged again.
  await page.goto("/inbox");
  await expect(page.getByRole("link", { name: DRAFT })).toHaveCount(0);
  await expectAccessible(page);
});
