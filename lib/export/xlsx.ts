// XLSX writer (exceljs): the same columns as the CSV, typed cells (numbers as numbers, dates as
// dates), a bold frozen header row, and text neutralised exactly as in the CSV.
import ExcelJS from "exceljs";
import type { Column } from "./columns";
import { neutralise } from "./neutralise";

function dateCell(v: string): Date | string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : neutralise(v);
}

/** A further sheet after the first (the register's "Readable" sheet for people: lib/export/human.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExtraSheet = { name: string; columns: Column<any>[]; rows: Iterable<unknown>; wrap?: boolean };

export async function toXlsx<Row>(columns: Column<Row>[], rows: Iterable<Row>, opts: { sheetName?: string; extraSheets?: ExtraSheet[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Fulcrum";
  wb.created = new Date();
  addSheet(wb, opts.sheetName ?? "Register", columns, rows);
  for (const extra of opts.extraSheets ?? []) addSheet(wb, extra.name, extra.columns, extra.rows, extra.wrap ?? true);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function addSheet<Row>(wb: ExcelJS.Workbook, name: string, columns: Column<Row>[], rows: Iterable<Row>, wrap = false) {
  const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width ?? 16,
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "number" ? { numFmt: "0" } : wrap ? { alignment: { wrapText: true, vertical: "top" } } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = c.value(row);
        if (v === null || v === undefined) return null;
        if (c.type === "number") return typeof v === "number" ? v : Number.isFinite(Number(v)) && v !== "" ? Number(v) : neutralise(String(v));
        if (c.type === "date") return dateCell(String(v));
        return neutralise(String(v));
      }),
    );
  }
}
