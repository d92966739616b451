// An uploaded register as one table: its column names and its rows of typed cells, whatever it came
// as (a CSV or tab-separated text file in any accepted encoding, or a sheet of an .xlsx workbook).
// Rows keep the number a spreadsheet shows them under, so every problem names the row a person sees.
import ExcelJS from "exceljs";
import { CsvSyntaxError, parseCsv } from "../export/csv-parse";
import { decodeText, detectDelimiter, unreadableIn, type Encoding } from "./decode";

/** A cell as the file typed it: text, a number, a true/false, a date (an .xlsx date cell, as YYYY-MM-DD), or empty. */
export type Cell = string | number | boolean | { date: string } | null;

export type TableRow = { /** The row number a spreadsheet shows. */ row: number; cells: Cell[] };

export type SourceTable = {
  kind: "csv" | "xlsx";
  encoding: Encoding | "xlsx";
  /** The .xlsx workbook's sheets (visible ones), and the one read. */
  sheets: string[];
  sheet: string | null;
  /** Column names, made unique ("Impact", "Impact (2)"); a blank header becomes "Column C". */
  headers: string[];
  /** The header cells as the file has them (blank, repeated). */
  rawHeaders: string[];
  headerRow: number;
  rows: TableRow[];
};

export type FileProblem = { row: number; column: string; message: string };

/** The file cannot be read at all, or has text that cannot be read without damage (each named). */
export class ImportFileError extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(problems[0]?.message ?? "The file cannot be read");
    this.name = "ImportFileError";
  }
}

export const MAX_TABLE_ROWS = 10_000;

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];
export const isXlsx = (bytes: Uint8Array, name = "") => XLSX_MAGIC.every((b, i) => bytes[i] === b) || /\.xlsx$/i.test(name);

function columnLetter(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function uniqueHeaders(raw: string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.replace(/\s+/g, " ").trim() || `Column ${columnLetter(i)}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

const isBlank = (c: Cell) => c === null || (typeof c === "string" && c.trim() === "");

/** Reads a whole file: an .xlsx workbook (its `sheet`, else the first) or delimited text. */
export async function readTable(bytes: Uint8Array, opts: { name?: string; sheet?: string | null } = {}): Promise<SourceTable> {
  return isXlsx(bytes, opts.name) ? readXlsx(bytes, opts.sheet ?? null) : readDelimited(bytes);
}

function checkText(table: SourceTable): SourceTable {
  const problems: FileProblem[] = [];
  const check = (row: number, column: string, text: string) => {
    const why = unreadableIn(text, table.encoding);
    if (why) problems.push({ row, column, message: `Row ${row}, column "${column}" cannot be read without damage: ${why}. Nothing was imported` });
  };
  table.headers.forEach((h) => check(table.headerRow, h, h));
  for (const r of table.rows) r.cells.forEach((c, i) => typeof c === "string" && check(r.row, table.headers[i] ?? columnLetter(i), c));
  if (problems.length) throw new ImportFileError(problems);
  if (table.rows.length > MAX_TABLE_ROWS) {
    throw new ImportFileError([{ row: 1, column: "", message: `The file has ${table.rows.length.toLocaleString("en-GB")} rows; import at most ${MAX_TABLE_ROWS.toLocaleString("en-GB")} at a time` }]);
  }
  return table;
}

export function readDelimited(bytes: Uint8Array): SourceTable {
  const { text, encoding } = decodeText(bytes);
  let records;
  try {
    records = parseCsv(text, detectDelimiter(text));
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new ImportFileError([{ row: e.line, column: "", message: e.message }]);
    throw e;
  }
  if (!records.length) throw new ImportFileError([{ row: 1, column: "", message: "The file is empty" }]);
  const [header, ...data] = records;
  // Row numbers as a spreadsheet opening the file shows them: one per record.
  return checkText({
    kind: "csv",
    encoding,
    sheets: [],
    sheet: null,
    headers: uniqueHeaders(header.fields),
    rawHeaders: header.fields,
    headerRow: 1,
    rows: data.map((r, i) => ({ row: i + 2, cells: r.fields.map((f) => (f === "" ? null : f)) })).filter((r) => !r.cells.every(isBlank)),
  });
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return { date: value.toISOString().slice(0, 10) };
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("formula" in value || "sharedFormula" in value) return cellOf((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("text" in value && "hyperlink" in value) return cellOf((value as ExcelJS.CellHyperlinkValue).text as ExcelJS.CellValue);
    if ("error" in value) return String((value as ExcelJS.CellErrorValue).error);
  }
  return String(value);
}

export async function readXlsx(bytes: Uint8Array, sheetName: string | null): Promise<SourceTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError([{ row: 1, column: "", message: "The file is not an Excel workbook Fulcrum can read: save it as .xlsx (Excel Workbook) or as CSV UTF-8" }]);
  }
  const visible = wb.worksheets.filter((w) => w.state === "visible" || !w.state);
  const sheets = visible.map((w) => w.name);
  const ws = sheetName === null ? visible[0] : visible.find((w) => w.name === sheetName);
  if (!ws) throw new ImportFileError([{ row: 1, column: "", message: sheetName === null ? "The workbook has no sheets" : `The workbook has no sheet called "${sheetName}"` }]);
  const width = ws.actualColumnCount ? ws.columnCount : 0;
  const rows: TableRow[] = [];
  let header: { row: number; cells: Cell[] } | null = null;
  const count = ws.rowCount;
  for (let r = 1; r <= count; r++) {
    const row = ws.getRow(r);
    // A merged cell's every part reads as its first (exceljs gives the master's value).
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cellOfMerged(row.getCell(c), cells);
    if (cells.every(isBlank)) continue;
    if (!header) header = { row: r, cells };
    else rows.push({ row: r, cells });
  }
  if (!header) throw new ImportFileError([{ row: 1, column: "", message: `The sheet "${ws.name}" is empty` }]);
  return checkText({
    kind: "xlsx",
    encoding: "xlsx",
    sheets,
    sheet: ws.name,
    headers: uniqueHeaders(header.cells.map((c) => (c === null ? "" : typeof c === "object" ? c.date : String(c)))),
    rawHeaders: header.cells.map((c) => (c === null ? "" : typeof c === "object" ? c.date : String(c))),
    headerRow: header.row,
    rows,
  });
}

function cellOfMerged(cell: ExcelJS.Cell, out: Cell[]) {
  const c = cellOf(cell.value);
  out.push(typeof c === "string" ? c.replace(/\r\n?/g, "\n") : c);
}
