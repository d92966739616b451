// XLSX writer (exceljs): the same columns as the CSV, typed cells (numbers as numbers, dates as
// dates), a bold frozen header row, and text neutralised exactly as in the CSV.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Column } from "./columns";
import { neutralise } from "./neutralise";

function dateCell(v: string): Date | string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : neutralise(v);
}

export async function toXlsx<Row>(columns: Column<Row>[], rows: Iterable<Row>, opts: { sheetName?: string } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Fulcrum";
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName ?? "Register", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width ?? 16,
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "number" ? { numFmt: "0" } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(cellsOf(columns, row));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same workbook, streamed (issue 15, finding 6): exceljs's streaming writer commits each row as
 * it is written, so memory holds one batch of rows, never the whole register. Returns a Node stream
 * of the .xlsx bytes; an error while reading the batches destroys it (a broken download, logged).
 */
export function streamXlsx<Row>(columns: Column<Row>[], batches: AsyncIterable<Row[]>, opts: { sheetName?: string; onError?: (e: unknown) => void } = {}): NodeJS.ReadableStream {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Fulcrum";
  wb.created = new Date();
  const ws = wb.addWorksheet(opts.sheetName ?? "Register", { views: [{ state: "frozen", ySplit: 1 }] });
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width ?? 16,
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "number" ? { numFmt: "0" } : {},
  }));
  ws.getRow(1).font = { bold: true };
  void (async () => {
    try {
      for await (const batch of batches) {
        for (const row of batch) ws.addRow(cellsOf(columns, row)).commit();
      }
      ws.commit();
      await wb.commit();
    } catch (e) {
      opts.onError?.(e);
      out.destroy(e as Error);
    }
  })();
  return out;
}

function cellsOf<Row>(columns: Column<Row>[], row: Row) {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === null || v === undefined) return null;
    if (c.type === "number") return typeof v === "number" ? v : Number.isFinite(Number(v)) && v !== "" ? Number(v) : neutralise(String(v));
    if (c.type === "date") return dateCell(String(v));
    return neutralise(String(v));
  });
}
