import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { listRegisterExportRows } from "@/lib/decisions";
import { humanRows, listRegisterHumanRows } from "@/lib/decisions/export-human";
import { HUMAN_COLUMNS, HUMAN_SHEET_NAME } from "@/lib/export/human";
import { REGISTER_COLUMNS, REGISTER_HEADERS } from "@/lib/export/register";
import { toXlsx } from "@/lib/export/xlsx";
import { recordPosition } from "@/lib/sign-off";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

// Issue 10 item 16: the XLSX gains a second sheet for people (labels, rationale, criteria with
// outcomes, £ impacts) while its first sheet keeps the import-compatible columns.

const t = useTestDatabase();

describe("register export for people", () => {
  it("the workbook's second sheet says each decision in words; the first keeps the import columns", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, {
      trust: a.trust,
      author: a.ce,
      title: "=Run the stroke beds",
      criteria: [
        { statement: "Delayed discharges fall", target: "30", judgedBy: "2027-06-30" },
        { statement: "No rise in readmissions", target: "Below 8%", judgedBy: "2027-09-30" },
      ],
    });
    await recordPosition(a.ned1, { decisionId: d.id, position: "object", comment: "Too costly", forum: "public_board", version: 1 });

    const rows = await listRegisterExportRows(a.ce, {});
    const human = await humanRows(rows);
    const buf = await toXlsx(REGISTER_COLUMNS, rows, { extraSheets: [{ name: HUMAN_SHEET_NAME, columns: HUMAN_COLUMNS, rows: human }] });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Register", HUMAN_SHEET_NAME]);
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(REGISTER_HEADERS);

    const sheet = wb.getWorksheet(HUMAN_SHEET_NAME)!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
    const cell = (header: string) => String(sheet.getRow(2).getCell(headers.indexOf(header) + 1).value ?? "");
    expect(headers).toEqual(HUMAN_COLUMNS.map((c) => c.header));
    expect(cell("Trust")).toBe(`${a.trust.name} (${a.trust.ods})`);
    // Text that looks like a formula is neutralised on this sheet too.
    expect(cell("Decision")).toBe("'=Run the stroke beds");
    expect(cell("Status")).toBe("Awaiting sign-off");
    expect(cell("Favoured")).toBe("System");
    expect(cell("Category")).toBe("Service");
    expect(cell("Date decided")).toBe("1 October 2026");
    expect(cell("Rationale")).toBe("Patients leave acute beds sooner; the system saves more than we lose.");
    expect(cell("Impact on the trust")).toBe("−£250k (cost to the trust). Unfunded staff costs in year one");
    expect(cell("Impact on the system")).toBe("£1.2m (benefit to the system). Fewer delayed discharges");
    expect(cell("Factors weighed")).toContain("Relationships and reciprocity");
    expect(cell("Success criteria and outcomes")).toBe(
      "1. Delayed discharges fall – target 30 by 30 June 2027: not yet assessed\n2. No rise in readmissions – target Below 8% by 30 September 2027: not yet assessed",
    );
    expect(cell("Positions on the current version")).toBe("0 support, 1 object, 0 abstain");
    expect(cell("Objections and abstentions")).toContain("Too costly");
  });

  it("holds only what the reader may read (another trust's Chief Executive gets none of it)", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    expect((await listRegisterHumanRows(a.ce, {})).map((r) => r.title)).toContain(d.title);
    expect((await listRegisterHumanRows(b.ce, {})).map((r) => r.title)).not.toContain(d.title);
    await expect(listRegisterHumanRows(b.ce, { trust: a.trust.ods })).rejects.toMatchObject({ code: "not_found" });
  });
});
