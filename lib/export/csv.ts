// RFC 4180 CSV writer: CRLF line ends, every field containing a comma, a double quote, CR or LF is
// quoted, quotes inside are doubled. UTF-8 with a byte-order mark so Excel reads accents correctly.
import type { Column } from "./columns";
import { neutralise } from "./neutralise";

export const BOM = "\uFEFF";
const NEEDS_QUOTES = /[",\r\n]/;

export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** One cell as text: numbers as digits, text neutralised (lib/export/neutralise.ts). */
export function csvCell(value: string | number | null, type: "text" | "number" | "date"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    if (type === "number") return String(value);
    return csvField(neutralise(String(value)));
  }
  return csvField(neutralise(value));
}

export function csvLine(fields: string[]): string {
  return `${fields.join(",")}\r\n`;
}

/** The whole file as a string (BOM first). For large exports use `csvChunks`. */
export function toCsv<Row>(columns: Column<Row>[], rows: Iterable<Row>, opts: { bom?: boolean } = {}): string {
  let out = "";
  for (const chunk of csvChunks(columns, rows, opts)) out += chunk;
  return out;
}

/** The file line by line, for streaming a download. */
export function* csvChunks<Row>(columns: Column<Row>[], rows: Iterable<Row>, opts: { bom?: boolean } = {}): Generator<string> {
  yield (opts.bom === false ? "" : BOM) + csvLine(columns.map((c) => csvField(neutralise(c.header))));
  for (const row of rows) yield csvLine(columns.map((c) => csvCell(c.value(row), c.type)));
}
