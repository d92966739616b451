// XLSX writer (exceljs): the same columns as the CSV, typed cells (numbers as numbers, dates as
// dates), a bold frozen header row, and text neutralised exactly as in the CSV. Further sheets (the
// register's "Readable" sheet for people: lib/export/human.ts) follow the first.
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { Column } from "./columns";
import { neutralise } from "./neutralise";

function dateCell(v: string): Date | string {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : neutralise(v);
}

/** A further sheet after the first; its text wraps (long rationales) unless told otherwise. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ExtraSheet = { name: string; columns: Column<any>[]; rows: Iterable<unknown>; wrap?: boolean };
/** A further sheet of a streamed workbook: its rows come in batches too. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type StreamedSheet = { name: string; columns: Column<any>[]; batches: AsyncIterable<unknown[]>; wrap?: boolean };

type Sheet = { addRow: (cells: unknown[]) => { commit?: () => void } } & Pick<ExcelJS.Worksheet, "columns" | "getRow">;

function setUp<Row>(ws: Sheet, columns: Column<Row>[], wrap: boolean) {
  ws.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: c.width ?? 16,
    style: c.type === "date" ? { numFmt: "yyyy-mm-dd" } : c.type === "number" ? { numFmt: "0" } : wrap ? { alignment: { wrapText: true, vertical: "top" } } : {},
  }));
  ws.getRow(1).font = { bold: true };
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

/** The whole workbook in memory (small exports and tests). */
export async function toXlsx<Row>(columns: Column<Row>[], rows: Iterable<Row>, opts: { sheetName?: string; extraSheets?: ExtraSheet[] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Fulcrum";
  wb.created = new Date();
  const sheets: { name: string; columns: Column<unknown>[]; rows: Iterable<unknown>; wrap: boolean }[] = [
    { name: opts.sheetName ?? "Register", columns: columns as Column<unknown>[], rows, wrap: false },
    ...(opts.extraSheets ?? []).map((x) => ({ ...x, wrap: x.wrap ?? true })),
  ];
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
    setUp(ws, s.columns, s.wrap);
    for (const row of s.rows) ws.addRow(cellsOf(s.columns, row));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same workbook, streamed (issue 15, finding 6): exceljs's streaming writer commits each row as
 * it is written, so memory holds one batch of rows, never the whole register. Each further sheet reads
 * its own batches after the first sheet is done. Returns a Node stream of the .xlsx bytes; an error
 * while reading the batches destroys it (a broken download, logged).
 */
export function streamXlsx<Row>(
  columns: Column<Row>[],
  batches: AsyncIterable<Row[]>,
  opts: { sheetName?: string; extraSheets?: StreamedSheet[]; onError?: (e: unknown) => void } = {},
): NodeJS.ReadableStream {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = "Fulcrum";
  wb.created = new Date();
  const sheets: StreamedSheet[] = [{ name: opts.sheetName ?? "Register", columns, batches, wrap: false }, ...(opts.extraSheets ?? [])];
  void (async () => {
    try {
      for (const s of sheets) {
        const ws = wb.addWorksheet(s.name, { views: [{ state: "frozen", ySplit: 1 }] });
        setUp(ws as unknown as Sheet, s.columns, s.wrap ?? true);
        for await (const batch of s.batches) {
          for (const row of batch) ws.addRow(cellsOf(s.columns, row)).commit();
        }
        ws.commit();
      }
      await wb.commit();
    } catch (e) {
      opts.onError?.(e);
      out.destroy(e as Error);
    }
  })();
  return out;
}
