import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, expectNoSideScroll, signIn, signOut } from "./fixtures";
import { MeetingPage } from "./pages/meeting";

// Chair's action, ratified at the next board (issue 14) at Southmoor Partnership (RSB): its Chief
// Executive marks a decision awaiting sign-off urgent, the Chair and a non-executive director sign it
// off by Chair's action, and the Company Secretary's next board meeting ratifies it. No other spec
// touches RSB.
const DECISION = "Pool our eating disorders budget with the children's hospital";
const REASON = "The children's hospital must sign the pooled budget agreement before the next board meets.";

async function openDecision(page: Page) {
  await page.goto(`/decisions?q=${encodeURIComponent("eating disorders")}`);
  await page.getByRole("link", { name: DECISION }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: DECISION })).toBeVisible();
}

async function recordChairsAction(page: Page) {
  await page.getByRole("radio", { name: /^Support/ }).check();
  await page.getByLabel("Forum").selectOption("chairs_action");
  await page.getByRole("button", { name: "Record my position" }).click();
}

test("the CE marks a decision urgent, the Chair and a NED sign it off by Chair's action, and the next board ratifies it", async ({ page }) => {
  test.setTimeout(300_000); // several sign-ins and accessibility checks on a shared machine

  // The Chief Executive marks it urgent, with a reason (a missing reason is refused, naming the field).
  await signIn(page, demo("ce.rsb"));
  await openDecision(page);
  await page.getByText("Mark as urgent (Chair's action)").click();
  await page.getByRole("button", { name: "Mark as urgent" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Enter why the decision cannot wait for the next board meeting");
  await expectAccessible(page);
  await page.getByLabel("Why it cannot wait for the next board meeting").fill(REASON);
  await page.getByRole("button", { name: "Mark as urgent" }).click();
  await expect(page.getByText("The decision is marked urgent").first()).toBeVisible();
  await expect(page.getByTestId("urgent-reason")).toHaveText(REASON);
  await expectAccessible(page);
  await signOut(page);

  // The Chair: by Chair's action, not yet enough on its own.
  await signIn(page, demo("chair.rsb"));
  await openDecision(page);
  await expect(page.getByTestId("urgent-reason")).toHaveText(REASON);
  await recordChairsAction(page);
  await expect(page.getByText("Your position has been recorded.").first()).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // A non-executive director completes it: signed off, awaiting ratification.
  await signIn(page, demo("ned1.rsb"));
  await openDecision(page);
  await recordChairsAction(page);
  // The position form gives way to the signed-off state.
  await expect(page.getByText("Signed off — awaiting ratification", { exact: true })).toBeVisible();
  await expect(page.getByText(/Signed off by Chair's action on version 1: awaiting ratification/)).toBeVisible();
  await expect(page.getByTestId("ratification-state")).toContainText("awaiting ratification at the next board meeting");
  await expectAccessible(page);
  await page.setViewportSize({ width: 320, height: 800 });
  await expectNoSideScroll(page);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signOut(page);

  // The Company Secretary's next board meeting in public takes it, for ratification.
  await signIn(page, demo("sec.rsb"));
  await page.goto("/meetings/new");
  await page.getByLabel("Day").fill("14");
  await page.getByLabel("Month").fill("1");
  await page.getByLabel("Year").fill("2027");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("Board meeting in public").check();
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page.getByRole("heading", { name: "Board meeting in public of 14 January 2027", level: 1 })).toBeVisible();
  const agenda = page.getByRole("region", { name: "Agenda" });
  await expect(agenda.getByRole("link", { name: DECISION })).toBeVisible();
  await expect(agenda.getByText(/For ratification/).first()).toBeVisible();
  await expectAccessible(page);
  const meeting = new MeetingPage(page);
  await meeting.press("Issue the board pack", "The board pack has been issued");
  await page.getByRole("button", { name: "Mark the meeting as held" }).click();
  await expect(page.getByRole("heading", { name: "At the meeting" })).toBeVisible();
  await meeting.markPresent(["Jennifer Blake", "Robert Lam", "Deborah Finch", "Anil Kapoor", "Michael Osei"]);
  const item = page.locator("form", { has: page.getByRole("button", { name: "Record the resolution on item 1" }) });
  await item.getByLabel("Ratified", { exact: true }).check();
  await item.getByRole("button", { name: "Record the resolution on item 1" }).click();
  // The form gives way to the resolution as recorded, and the draft minutes say so.
  await expect(page.getByText("The Board RATIFIED the Chair's action.")).toBeVisible();
  await expect(agenda.getByText("Ratified", { exact: true })).toBeVisible();
  await expectAccessible(page);

  // The decision shows it ratified, with a link to the meeting.
  await agenda.getByRole("link", { name: DECISION }).click();
  await expect(page.getByText("Signed off — ratified", { exact: true })).toBeVisible();
  await expect(page.getByTestId("ratification-state")).toContainText("ratified on");
  await expect(page.getByRole("link", { name: "board meeting on 14 January 2027" })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // Another trust's Chair cannot open it.
  await signIn(page, demo("chair.rsa"));
  const res = await page.goto(`/decisions?q=${encodeURIComponent("eating disorders")}`);
  expect(res?.status()).toBe(200);
  await expect(page.getByRole("link", { name: DECISION })).toHaveCount(0);
});
