import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { DecisionForm } from "./pages/decision-form";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";
import { MeetingPage } from "./pages/meeting";

// The board's cycle at Southmoor Children's Hospital (RSE): its Chief Executive submits a second decision,
// the Company Secretary builds the agenda with both, issues the pack, records the meeting, the
// resolution and the minutes. No other spec touches RSE.
const DEMO_DECISION = "Fund a system-wide neonatal transport team";
const NEW_DECISION = "Open a paediatric day-case theatre on Saturdays";
const OBJECTION = "The transport team's night rota depends on agency nurses we have not yet recruited.";
const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-e2e-meeting-"));

async function download(page: Page, url: string, name: string) {
  const res = await page.request.get(url);
  expect(res.status()).toBe(200);
  const file = path.join(dir, name);
  writeFileSync(file, await res.body());
  return file;
}

async function noSidewaysScroll(page: Page) {
  await page.setViewportSize({ width: 320, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test("the Company Secretary takes a meeting from agenda to minutes, and the resolution signs a decision off", async ({ page }) => {
  test.setTimeout(300_000); // several sign-ins, a PDF and a dozen accessibility checks on a shared machine

  // The Chief Executive submits a second decision for the board.
  await signIn(page, demo("ce.rse"));
  await page.goto("/decisions/new");
  await page.getByLabel("Title", { exact: true }).fill(NEW_DECISION);
  await page.getByLabel("Summary", { exact: true }).fill("Run a Saturday day-case list to cut the waiting list.");
  const form = new DecisionForm(page);
  await form.fillDate("decidedOn", "2026-11-20");
  await page.getByLabel(/^The trust/).check();
  await page.getByLabel("Category").selectOption("capacity");
  await page.getByLabel("Rationale", { exact: true }).fill("Children wait too long for day-case surgery.");
  await page.locator("#field-criteria-0-statement").fill("Day-case waits fall");
  await page.locator("#field-criteria-0-measure").fill("Median wait");
  await page.locator("#field-criteria-0-target").fill("8 weeks");
  await form.fillDate("criteria-0-judgedBy", "2027-09-30");
  await page.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Your draft has been saved")).toBeVisible();
  await page.getByRole("link", { name: "Submit for sign-off" }).click();
  await page.getByRole("button", { name: "Submit for sign-off" }).click();
  await expect(page.getByText("Awaiting sign-off").first()).toBeVisible();
  await signOut(page);

  // The secretary lands on the meetings list and creates a private board meeting.
  await signIn(page, demo("sec.rse"));
  await expect(page).toHaveURL(/\/meetings$/);
  await expect(page.getByRole("heading", { name: "Meetings", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Create a meeting" }).click();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page.getByRole("alert", { name: "There is a problem" })).toContainText("Select the kind of meeting");
  await expectAccessible(page);
  await page.getByLabel("Day").fill("3");
  await page.getByLabel("Month").fill("12");
  await page.getByLabel("Year").fill("2026");
  await page.getByLabel("Start time").fill("10:00");
  await page.getByLabel("Board meeting in private").check();
  await page.getByLabel("Location or link").fill("Boardroom, Level 2");
  await page.getByRole("button", { name: "Create the meeting" }).click();
  await expect(page.getByRole("heading", { name: "Board meeting in private of 3 December 2026", level: 1 })).toBeVisible();
  const meetingUrl = page.url();
  const meeting = new MeetingPage(page);

  // The agenda: both decisions, a cover sheet, then the pack.
  await meeting.addDecision(DEMO_DECISION);
  await meeting.addDecision(NEW_DECISION);
  await page.getByText("Cover sheet for item 1").click();
  await page.locator("#field-c1-recommendation").fill("The Board is asked to approve the transport team.");
  await page.getByRole("button", { name: "Save the cover sheet" }).first().click();
  await expect(page.getByText("The cover sheet has been saved.")).toBeVisible();
  await expectAccessible(page);
  await meeting.press("Issue the board pack", "The board pack has been issued: 2 decisions");
  const hashes = await meeting.packHashes();
  expect(hashes).toHaveLength(2);
  const pdf = execFileSync("pdftotext", ["-layout", await download(page, `${meetingUrl}/pack`, "pack.pdf"), "-"]).toString();
  expect(pdf).toContain("Agenda");
  expect(pdf).toMatch(new RegExp(`1\\. ${DEMO_DECISION}.*page \\d+`));
  expect(pdf).toContain(NEW_DECISION);
  expect(pdf).toContain("The Board is asked to approve the transport team.");
  for (const h of hashes) expect(pdf).toContain(h);

  // At the meeting: attendance, a declaration, the resolution with one objection.
  await page.getByRole("button", { name: "Mark the meeting as held" }).click();
  await expect(page.getByRole("heading", { name: "At the meeting" })).toBeVisible();
  await meeting.markPresent(["Geoffrey Lyons", "Mei Wong", "Brian Cartwright", "Hannah Price", "Rachel Foster"]);
  await expect(page.getByText(/^Quorate\./)).toBeVisible();
  await page.getByLabel("Agenda item").selectOption({ label: `2. ${NEW_DECISION}` });
  await page.getByLabel("Who declared an interest").selectOption({ label: "Hannah Price, Executive Director" });
  await page.getByLabel("The interest declared").fill("Her partner leads the theatre staffing agency.");
  await page.getByRole("button", { name: "Record the declaration" }).click();
  await expect(page.getByText("The declaration of interest has been recorded.")).toBeVisible();
  const item1 = page.locator("form", { has: page.getByRole("button", { name: "Record the resolution on item 1" }) });
  await item1.getByLabel("Approved", { exact: true }).check();
  await item1.getByLabel("Brian Cartwright, Non-Executive Director", { exact: true }).selectOption("object");
  await item1.getByLabel("Brian Cartwright's words as minuted (objections and abstentions)").fill(OBJECTION);
  await item1.getByRole("button", { name: "Record the resolution on item 1" }).click();
  // The form gives way to the resolution as recorded; the agenda shows the decision signed off.
  await expect(page.getByRole("listitem").filter({ hasText: `Brian Cartwright: objected — "${OBJECTION}"` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Agenda" }).getByText("Signed off", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await noSidewaysScroll(page);

  // The minutes draft (Word) contains the objection.
  const docx = await download(page, `${meetingUrl}/minutes`, "minutes.docx");
  const xml = execFileSync("unzip", ["-p", docx, "word/document.xml"])
    .toString()
    .replace(/&apos;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
  expect(xml).toContain(OBJECTION);
  expect(xml).toContain("APPROVED");

  // The decision shows signed off, each position "recorded by" the secretary at the meeting.
  await page.getByRole("link", { name: DEMO_DECISION }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: DEMO_DECISION })).toBeVisible();
  await expect(page.getByText("Signed off", { exact: true }).first()).toBeVisible();
  await expect(page.getByText("Recorded by Lorna Webb at the board meeting in private of 3 December 2026").first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Board meeting in private of 3 December 2026" })).toBeVisible();
  await expectAccessible(page);

  // Marked minuted with the approved file: its SHA-256 is shown and kept in the audit chain.
  await page.goto(meetingUrl);
  await page.getByLabel("The approved minutes").setInputFiles(docx);
  await page.getByRole("button", { name: "Mark the meeting as minuted" }).click();
  const sha256 = createHash("sha256").update(readFileSync(docx)).digest("hex");
  await expect(page.getByText(`SHA-256: ${sha256}`)).toBeVisible();
  await expect(page.getByText("Minuted", { exact: true })).toBeVisible();
  await expectAccessible(page);
  await signOut(page);

  // Another trust's secretary gets not found.
  await signIn(page, demo("sec.rsa"));
  const res = await page.goto(meetingUrl);
  expect(res?.status()).toBe(404);
  expect((await page.request.get(`${meetingUrl}/pack`)).status()).toBe(404);
});
