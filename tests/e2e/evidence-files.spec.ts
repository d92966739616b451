import { createHash } from "node:crypto";
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";
import { DecisionForm } from "./pages/decision-form";
import { makeExe, makePdf } from "../support/files";

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

test("a Chief Executive attaches a business case, a reader downloads it, another trust gets not found", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, demo("ce.rna"));
  await page.goto("/decisions/new");
  await new DecisionForm(page).field("Title").fill("Join the ICS's shared pathology network");
  await new DecisionForm(page).saveDraft();
  await expect(page.getByRole("heading", { name: "Evidence files" })).toBeVisible();
  const decisionUrl = page.url().replace(/\?.*$/, "");

  await page.getByRole("link", { name: "Add or remove files" }).click();
  await expect(page.getByRole("heading", { name: "Evidence files", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // A program renamed to .pdf is refused, with the error beside the field.
  await page.getByLabel("Upload a file").setInputFiles({ name: "business-case.pdf", mimeType: "application/pdf", buffer: makeExe() });
  await page.getByRole("button", { name: "Upload the file" }).click();
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toContainText("The selected file must be a PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG file");
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);

  const pdf = await makePdf(["Business case: shared pathology network", "Saving to the system £2.4m a year"]);
  await page.getByLabel("Upload a file").setInputFiles({ name: "Business case.pdf", mimeType: "application/pdf", buffer: pdf });
  await page.getByRole("button", { name: "Upload the file" }).click();
  await expect(page.getByRole("status")).toHaveText("The file was added.");
  const row = page.getByRole("list", { name: "Files of the decision" }).getByRole("listitem").filter({ hasText: "Business case.pdf" });
  await expect(row).toContainText("PDF");
  await expect(row).toContainText(sha(pdf));
  await expectAccessible(page);

  const download = page.waitForEvent("download");
  await row.getByRole("link", { name: "Business case.pdf" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("Business case.pdf");
  expect(sha(fs.readFileSync(await file.path()))).toBe(sha(pdf));

  const href = await row.getByRole("link", { name: "Business case.pdf" }).getAttribute("href");
  const ok = await page.request.get(href!);
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-disposition"]).toMatch(/^attachment;/);
  expect(ok.headers()["x-content-type-options"]).toBe("nosniff");
  expect(ok.headers()["content-type"]).toBe("application/pdf");

  // The decision page lists it.
  await page.goto(decisionUrl);
  await expect(page.getByRole("region", { name: "Evidence files" }).getByRole("link", { name: "Business case.pdf" })).toBeVisible();
  await expectAccessible(page);

  // Another trust's Chief Executive: the file and the files page are not found.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, demo("ce.rsa"));
  expect((await otherPage.request.get(href!)).status()).toBe(404);
  const res = await otherPage.goto(`${decisionUrl}/files`);
  expect(res?.status()).toBe(404);
  await other.close();
});

test("the files page works at 320 px wide without sideways scrolling", async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await signIn(page, demo("ce.rna"));
  await page.goto("/decisions/new");
  await new DecisionForm(page).field("Title").fill("A decision with files, on a phone");
  await new DecisionForm(page).saveDraft();
  await page.getByRole("link", { name: "Add or remove files" }).click();
  await page.getByLabel("Upload a file").setInputFiles({ name: "A long business case file name for the shared pathology network.pdf", mimeType: "application/pdf", buffer: await makePdf(["x"]) });
  await page.getByRole("button", { name: "Upload the file" }).click();
  await expect(page.getByRole("status")).toHaveText("The file was added.");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectAccessible(page);
});
