import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { REGISTER_HEADERS } from "../../lib/export/register";
import { demo, expectAccessible, signIn, signOut } from "./fixtures";

// The register export, the CSV import and the board paper through the browser. Southmoor trusts no
// other spec touches: the Chief Executive of Southmoor Community Services (RSC) exports and imports;
// a Non-Executive Director of Westbrook Hospitals (RSD) prints a signed-off decision's board paper,
// which RSC's Chief Executive (same ICS, another trust) must not find.
const RSC_SIGNED_OFF = "Take on the failing neighbouring health visiting service";
const RSD_SIGNED_OFF = "Put our own emergency department standards ahead of the system's ambulance handover target";
const RSD_MEMBERS = ["Susan Harding", "Oliver Grant", "Ayesha Malik", "Paul Jennings"];
// A made-up word, so the register search finds the imported decisions and nothing else.
const MARKER = "Quillwort";

/** A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

async function registerCount(page: Page): Promise<number> {
  const count = page.getByRole("status").filter({ hasText: /\d+ decisions?/ }).locator("strong").first();
  await expect(count).toBeVisible();
  return Number((await count.innerText()).replace(/[^0-9]/g, ""));
}

async function openRegister(page: Page, q?: string) {
  await page.goto(q ? `/decisions?q=${encodeURIComponent(q)}` : "/decisions");
  await expect(page.getByRole("heading", { level: 1, name: /decisions/i })).toBeVisible();
  await expectAccessible(page);
}

const IMPORT_HEADER = "trust ODS,title,summary,rationale,favoured,category,decided on,factors,visibility,criteria,submit";
const importRow = (n: number, favoured: string) =>
  [
    "RSC",
    `${MARKER} pilot ${n}: share a community nursing rota with the neighbouring trust`,
    `"Pilot ${n}, imported from a spreadsheet, with a comma and ""quotes"" in it."`,
    "The rota covers the gaps neither trust can fill alone.",
    favoured,
    "workforce",
    "2026-09-0" + n,
    "workforce; relationships_reciprocity",
    "trust",
    "Vacant shifts filled | 90% | 2027-03-31",
    "",
  ].join(",");

async function uploadCsv(page: Page, name: string, text: string) {
  await page.getByLabel("Excel workbook (.xlsx) or CSV file").setInputFiles({ name, mimeType: "text/csv", buffer: Buffer.from(text, "utf8") });
  await page.getByRole("button", { name: "Upload and match the columns" }).click();
  // Fulcrum's own column names: every column is guessed.
  await expect(page.getByLabel("Title", { exact: true })).toHaveValue("title");
  await page.getByRole("button", { name: "Check the file" }).click();
}

test("a Chief Executive downloads the register as CSV and imports decisions from a CSV file", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, demo("ce.rsc"));

  // The export: the BOM, the register's columns, and a row for a decision the CE can see.
  await openRegister(page, RSC_SIGNED_OFF);
  const link = page.getByRole("link", { name: RSC_SIGNED_OFF });
  const decisionId = (await link.getAttribute("href"))!.split("/").pop()!;
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: /^Download CSV/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fulcrum-register-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString("utf8").slice(1));
  expect(header).toEqual(REGISTER_HEADERS);
  const col = (name: string) => header.indexOf(name);
  const row = rows.find((r) => r[col("id")] === decisionId);
  expect(row, "the searched decision is in the file").toBeDefined();
  expect(row![col("trust ODS")]).toBe("RSC");
  expect(row![col("title")]).toBe(RSC_SIGNED_OFF);
  expect(row![col("hash")]).toMatch(/^[0-9a-f]{64}$/);
  for (const r of rows) expect(r).toHaveLength(header.length);

  // The import: a file with one bad row imports nothing and says which row and column.
  await openRegister(page);
  const before = await registerCount(page);
  await page.getByRole("link", { name: "Import decisions from a spreadsheet" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Import decisions from a spreadsheet" })).toBeVisible();
  await expectAccessible(page);
  const bad = [IMPORT_HEADER, importRow(1, "system"), importRow(2, "both"), importRow(3, "trust")].join("\r\n");
  await uploadCsv(page, "rota-pilots.csv", bad);
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await expect(summary).toContainText("1 problem in 1 row of 3 rows");
  await expect(summary).toContainText("Nothing has been imported");
  const problems = page.getByRole("table", { name: "Problems in rota-pilots.csv" });
  await expect(problems.getByRole("row")).toHaveCount(2);
  const problem = problems.getByRole("row").nth(1).getByRole("cell");
  await expect(problem.nth(0)).toHaveText("3");
  await expect(problem.nth(1)).toHaveText("favoured (Favoured: system or trust)");
  await expect(problem.nth(2)).toContainText('"both" is not matched to a Fulcrum value');
  await expect(page).toHaveTitle(/^Error: /);
  await expectAccessible(page);
  await openRegister(page);
  expect(await registerCount(page)).toBe(before);

  // The corrected file: checked, then imported in one go.
  await page.goto("/decisions/import");
  await expectAccessible(page);
  const good = [IMPORT_HEADER, importRow(1, "system"), importRow(2, "system"), importRow(3, "trust")].join("\r\n");
  await uploadCsv(page, "rota-pilots-corrected.csv", good);
  await expect(page.getByRole("status").filter({ hasText: "all 3 rows are ready to import" })).toContainText("Nothing has been imported yet");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Import 3 decisions" }).click();
  const done = page.getByRole("status").filter({ hasText: "Import complete" });
  await expect(done).toContainText("3 decisions imported");
  await expectAccessible(page);
  await done.getByRole("link", { name: /decisions/ }).click();
  await expect(page).toHaveURL(/\/decisions$/);
  await expectAccessible(page);
  expect(await registerCount(page)).toBe(before + 3);
  await openRegister(page, MARKER);
  expect(await registerCount(page)).toBe(3);
  for (const n of [1, 2, 3]) await expect(page.getByRole("link", { name: new RegExp(`^${MARKER} pilot ${n}:`) })).toBeVisible();
  await signOut(page);
});

test("a board member prints a signed-off decision's board paper; another trust's Chief Executive cannot find it", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, demo("ned1.rsd"));
  await openRegister(page, RSD_SIGNED_OFF);
  await page.getByRole("link", { name: RSD_SIGNED_OFF }).click();
  await expect(page.getByRole("heading", { level: 1, name: RSD_SIGNED_OFF })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Board paper" }).click();
  await expect(page).toHaveURL(/\/decisions\/[0-9a-f-]{36}\/paper$/);
  const paperPath = new URL(page.url()).pathname;
  await expect(page.getByRole("heading", { level: 1, name: RSD_SIGNED_OFF })).toBeVisible();

  const value = (key: string) => page.locator("dt", { hasText: new RegExp(`^${key}$`) }).locator("xpath=following-sibling::dd[1]");
  await expect(value("Content hash")).toHaveText(/^[0-9a-f]{64}$/);
  await expect(value("Audit chain head")).toHaveText(/^[0-9a-f]{64}$/);
  const positions = page.getByRole("region", { name: "Sign-off record" }).getByRole("row");
  await expect(positions).toHaveCount(1 + RSD_MEMBERS.length);
  for (const member of RSD_MEMBERS) await expect(positions.filter({ hasText: member })).toHaveCount(1);
  await expect(positions.filter({ hasText: "Ayesha Malik" })).toContainText("Object");
  await expect(positions.filter({ hasText: "Ayesha Malik" })).toContainText("This moves the risk into the ambulance queue outside");
  await expect(positions.filter({ hasText: "Oliver Grant" })).toContainText("Support");
  await expectAccessible(page);

  const pdfHref = await page.getByRole("link", { name: "Download the board paper as a PDF" }).getAttribute("href");
  expect(pdfHref).toBe(`${paperPath}/pdf`);
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  await signOut(page);

  // Southmoor Community Services' Chief Executive, in the same ICS: not found, page and PDF.
  await signIn(page, demo("ce.rsc"));
  const response = await page.goto(paperPath);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(RSD_SIGNED_OFF)).toHaveCount(0);
  await expectAccessible(page);
  const otherPdf = await page.request.get(`${paperPath}/pdf`);
  expect(otherPdf.status()).toBe(404);
  expect(otherPdf.headers()["content-type"]).not.toContain("pdf");
});
