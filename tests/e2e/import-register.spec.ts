import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { demo, expectAccessible, signIn } from "./fixtures";

// Importing a trust's existing register from an Excel workbook (README, "Importing an existing
// register"): the Chief Executive of Southmoor Children's Hospital (RSE), whom no other spec uses,
// uploads a workbook with its own column names, matches the columns and a coded value, sees the
// preview, and imports, one row as history signed off at a past board meeting. Also at 320 px.
const MARKER = "Bryophyte"; // a made-up word, so the register search finds these rows and nothing else

async function register(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Decisions log");
  ws.addRow(["Decision", "Description", "Reason", "Date of decision", "System or Trust", "Area", "Cost", "Success measures", "Approved on", "Board meeting"]);
  ws.addRow([`${MARKER} shared play therapists`, "One team across two trusts", "Neither can recruit alone", new Date("2025-02-03T00:00:00Z"), "S", "Staffing", "£120k", "Vacancies filled | 90% | 2027-03-31", new Date("2025-03-12T00:00:00Z"), "Public board"]);
  ws.addRow([`${MARKER} keep the ward café`, "Family café stays open", "Local need", "3/4/2025", "T", "Estates", "(40k)", "Café open | 6 days | 2027-03-31", null, null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}

for (const width of [1280, 320]) {
  test(`a Chief Executive imports an Excel register with its own columns (${width} px)`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width, height: 900 });
    await signIn(page, demo("ce.rse"));
    await page.goto("/decisions/import");
    await expect(page.getByRole("heading", { level: 1, name: "Import decisions from a spreadsheet" })).toBeVisible();
    await expectAccessible(page);
    const name = `register-${width}.xlsx`;
    await page.getByLabel("Excel workbook (.xlsx) or CSV file").setInputFiles({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: await register() });
    await page.getByRole("button", { name: "Upload and match the columns" }).click();

    // The mapping: guesses from the names, a coded value to match, the preview as it would be imported.
    await expect(page.getByRole("heading", { name: "Match the columns" })).toBeVisible();
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Decision");
    await expect(page.getByLabel("Date decided")).toHaveValue("Date of decision");
    await expect(page.getByLabel("Favoured: system or trust")).toHaveValue("System or Trust");
    await expect(page.getByLabel('"S" (1 row)')).toHaveValue("system");
    await expect(page.getByLabel("Signed off on (history)")).toHaveValue("Approved on");
    await page.getByLabel("Category", { exact: true }).selectOption("Area");
    await page.getByLabel("Rationale").selectOption("Reason");
    await page.getByRole("button", { name: "Update the preview" }).click();
    await page.getByLabel('"Staffing" (1 row)').selectOption("workforce");
    await expect(page.getByLabel('"Estates" (1 row)')).toHaveValue("estates");
    const preview = page.getByRole("table", { name: /Preview: the first rows/ });
    await expect(preview).toContainText("3 February 2025");
    await expect(preview).toContainText("3 April 2025");
    await expect(preview).toContainText("£120k");
    await expectAccessible(page);
    await noSidewaysScroll(page);

    await page.getByRole("button", { name: "Check the file" }).click();
    const ready = page.getByRole("status").filter({ hasText: "both rows are ready to import" });
    await expect(ready).toContainText("1 decision will come in as already signed off");
    await expectAccessible(page);
    await noSidewaysScroll(page);
    await page.getByRole("button", { name: "Import 2 decisions" }).click();
    const done = page.getByRole("status").filter({ hasText: "Import complete" });
    await expect(done).toContainText("2 decisions imported, 1 decision signed off in the past");
    await expectAccessible(page);

    // The register shows the history as signed off.
    await page.goto(`/decisions?q=${MARKER}&status=signed_off`);
    await expect(page.getByRole("link", { name: `${MARKER} shared play therapists` }).first()).toBeVisible();
    await expectAccessible(page);
    await noSidewaysScroll(page);
    // Its page says it was signed off before Fulcrum, and where it came from: no positions.
    await page.getByRole("link", { name: `${MARKER} shared play therapists` }).first().click();
    const signOff = page.getByRole("region", { name: "Board sign-off" });
    await expect(signOff).toContainText("Signed off on 12 March 2025 at Public board, before this decision was in Fulcrum.");
    await expect(signOff).toContainText(/Recorded as imported from register-\d+\.xlsx, sheet "Decisions log", row 2/);
    await expectAccessible(page);
    await noSidewaysScroll(page);
  });
}
