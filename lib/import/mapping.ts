// Column mapping (README, "Importing an existing register"): which of the file's columns holds each
// of Fulcrum's fields, guessed from the column names (case and spacing ignored, common synonyms),
// and for coded columns which of the file's values means which of Fulcrum's ("S" → system), with ""
// for "leave unset". Applying a mapping turns the file's table into the import's own records
// (lib/export/import-rows.ts reads those), dates and money read as people type them. Pure.
import { z } from "zod";
import { CATEGORY_IDS, CATEGORY_LABELS, type CategoryId } from "../decisions/taxonomy";
import { IMPORT_COLUMNS, type ImportColumn, type ImportError } from "../export/import-rows";
import type { Cell, SourceTable } from "./table";
import { monthFirstEvidence, readDate, readMoney, type MoneyUnit } from "./values";

export type FieldKind = "text" | "date" | "money" | "coded";

export type Field = { id: ImportColumn; label: string; kind: FieldKind; hint: string; synonyms: string[] };

/** Fulcrum's fields a column can map to, in the order the mapping page lists them. */
export const FIELDS: Field[] = [
  { id: "title", label: "Title", kind: "text", hint: "Required.", synonyms: ["decision", "decision title", "name", "subject", "item", "heading"] },
  { id: "summary", label: "Summary", kind: "text", hint: "Needed to submit.", synonyms: ["description", "details", "detail", "decision summary", "summary of decision", "what was decided"] },
  { id: "rationale", label: "Rationale", kind: "text", hint: "Needed to submit.", synonyms: ["reason", "reasons", "why", "justification", "reasoning", "rationale for decision"] },
  { id: "favoured", label: "Favoured: system or trust", kind: "coded", hint: "Map the file's values to system or trust.", synonyms: ["favoured", "favored", "system or trust", "trust or system", "side", "benefit", "favours", "who benefits"] },
  { id: "category", label: "Category", kind: "coded", hint: "Map the file's values to Fulcrum's categories.", synonyms: ["type", "area", "theme", "decision type", "category of decision"] },
  { id: "decided on", label: "Date decided", kind: "date", hint: "Like 3/4/2025 (3 April), 3 April 2025 or 2025-04-03.", synonyms: ["date", "date of decision", "decision date", "date decided", "decided", "when"] },
  { id: "options", label: "Options considered", kind: "text", hint: "", synonyms: ["options", "alternatives", "options considered"] },
  { id: "impact on trust", label: "Impact on the trust (£)", kind: "money", hint: "Like £250k, £2.4m, (250) or -£1,200,000.", synonyms: ["cost", "cost to trust", "financial impact", "impact", "trust impact", "amount", "value", "cost to the trust"] },
  { id: "impact on system", label: "Impact on the system (£)", kind: "money", hint: "Like £250k or £2.4m.", synonyms: ["system impact", "benefit to system", "system benefit", "impact on the system", "system value"] },
  { id: "factors", label: "Factors", kind: "text", hint: "Factor codes or names separated by semicolons.", synonyms: ["factors weighed", "considerations"] },
  { id: "criteria", label: "Success criteria", kind: "text", hint: "statement | target | judged-by date, separated by semicolons.", synonyms: ["success criteria", "success measures", "measures of success", "kpi", "kpis", "outcome measures"] },
  { id: "visibility", label: "Visibility", kind: "coded", hint: "trust (the board only) or system (shared with the ICS).", synonyms: ["shared", "shared with system", "confidentiality"] },
  { id: "trust ODS", label: "Trust (ODS code)", kind: "text", hint: "Leave unset to import everything into the trust chosen below.", synonyms: ["trust", "ods", "ods code", "trust code", "organisation", "organisation code"] },
  { id: "author email", label: "Author email (administrators)", kind: "text", hint: "The trust's Chief Executive.", synonyms: ["owner", "author", "lead", "owner email", "ce", "chief executive", "responsible"] },
  { id: "submit", label: "Submit for sign-off", kind: "text", hint: "yes or no.", synonyms: ["submit for sign off"] },
  { id: "historic signed off on", label: "Signed off on (history)", kind: "date", hint: "A past date: the row comes in as already signed off then.", synonyms: ["signed off", "sign off date", "date signed off", "approved", "approved on", "date approved", "board date", "approval date"] },
  { id: "historic meeting", label: "Signed off at (meeting)", kind: "text", hint: "Like \"public board, 12 March 2024\".", synonyms: ["meeting", "board meeting", "approved at", "signed off at", "forum", "committee"] },
  { id: "historic signed off by", label: "Signed off by (history)", kind: "text", hint: "Who signed it off, as the register records it.", synonyms: ["signed off by", "approved by", "approver", "approvers", "sign off by"] },
];

export const CODED_VALUES = {
  favoured: ["system", "trust"],
  category: CATEGORY_IDS,
  visibility: ["trust", "system"],
} as const;
export type CodedField = keyof typeof CODED_VALUES;
export const isCoded = (f: string): f is CodedField => f in CODED_VALUES;

const code = z.string().max(40);
export const ImportMappingSchema = z.object({
  /** Fulcrum field → the file's column name. */
  columns: z.partialRecord(z.enum(IMPORT_COLUMNS), z.string().max(200)).default({}),
  /** For coded fields: the file's value → Fulcrum's code, "" to leave unset. */
  values: z
    .object({ favoured: z.record(z.string().max(200), code), category: z.record(z.string().max(200), code), visibility: z.record(z.string().max(200), code) })
    .partial()
    .default({}),
  moneyUnit: z.enum(["pounds", "thousands", "millions"]).default("pounds"),
  /** The trust (ODS) rows go to when no column says. */
  trust: z.string().trim().toUpperCase().max(12).optional(),
});
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

export const normHeader = (s: string) =>
  s
    .toLowerCase()
    .replace(/[£$()?:.*]/g, " ")
    .replace(/[\s_\-/]+/g, " ")
    .replace(/\be mail\b/g, "email")
    .trim();

/**
 * Guesses a mapping from the column names: exact field names first, then synonyms. A register export's
 * own "signed off on" is no synonym: re-importing an export must not turn it into history unasked.
 */
export function guessColumns(headers: string[]): ImportMapping["columns"] {
  const out: ImportMapping["columns"] = {};
  const taken = new Set<string>();
  const pass = (names: (f: Field) => string[]) => {
    for (const f of FIELDS) {
      if (out[f.id]) continue;
      const wanted = new Set(names(f).map(normHeader));
      const h = headers.find((x) => !taken.has(x) && wanted.has(normHeader(x)));
      if (h) {
        out[f.id] = h;
        taken.add(h);
      }
    }
  };
  pass((f) => [f.id, f.label]);
  pass((f) => f.synonyms);
  return out;
}

const VALUE_SYNONYMS: Record<CodedField, Record<string, string>> = {
  favoured: { s: "system", sys: "system", system: "system", ics: "system", "favoured system": "system", t: "trust", trust: "trust", "favoured trust": "trust", organisation: "trust" },
  visibility: { trust: "trust", board: "trust", private: "trust", confidential: "trust", "trust only": "trust", no: "trust", system: "system", ics: "system", shared: "system", yes: "system", public: "system" },
  category: {
    finance: "finance", financial: "finance", money: "finance", service: "service", services: "service", "service change": "service", clinical: "service",
    contracting: "contracting", contract: "contracting", contracts: "contracting", commissioning: "contracting", workforce: "workforce", staffing: "workforce", hr: "workforce", people: "workforce",
    estates: "estates", estate: "estates", buildings: "estates", capital: "estates", capacity: "capacity", beds: "capacity", flow: "capacity", governance: "governance", assurance: "governance",
  },
};

function guessValue(field: CodedField, value: string): string {
  const v = normHeader(value);
  const hit = VALUE_SYNONYMS[field][v];
  if (hit) return hit;
  if (field === "category") {
    const byLabel = CATEGORY_IDS.find((c) => normHeader((CATEGORY_LABELS as Record<CategoryId, string>)[c]) === v);
    if (byLabel) return byLabel;
  }
  return "";
}

const cellText = (c: Cell): string => (c === null ? "" : typeof c === "object" ? c.date : typeof c === "boolean" ? (c ? "yes" : "no") : String(c)).trim();

/** The distinct values of each mapped coded column (at most 50), each with its guess or the saved choice. */
export type CodedValue = { value: string; count: number; /** Null: not matched yet (no guess, no choice). */ mapped: string | null };
export function codedValues(table: SourceTable, mapping: ImportMapping): Partial<Record<CodedField, CodedValue[]>> {
  const out: Partial<Record<CodedField, CodedValue[]>> = {};
  for (const field of Object.keys(CODED_VALUES) as CodedField[]) {
    const col = mapping.columns[field];
    const i = col === undefined ? -1 : table.headers.indexOf(col);
    if (i < 0) continue;
    const counts = new Map<string, number>();
    for (const r of table.rows) {
      const v = cellText(r.cells[i] ?? null);
      if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    const saved = mapping.values[field] ?? {};
    out[field] = [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 50)
      .map(([value, count]) => ({ value, count, mapped: value in saved ? saved[value] : guessValue(field, value) || null }));
  }
  return out;
}

export type Applied = { records: string[][]; rowNumbers: number[]; errors: ImportError[] };

/**
 * The file's table as the import's records (header: IMPORT_COLUMNS), each row's problems of reading
 * (a date or amount that is not one, an ambiguous date, a coded value not mapped) in `errors`.
 */
export function applyMapping(table: SourceTable, mapping: ImportMapping): Applied {
  const errors: ImportError[] = [];
  const problems = (row: number, field: Field, message: string) => errors.push({ row, column: `${mapping.columns[field.id]} (${field.label})`, message });
  for (const [field, col] of Object.entries(mapping.columns)) {
    if (col && !table.headers.includes(col)) errors.push({ row: table.headerRow, column: col, message: `The file has no column "${col}" (mapped to ${FIELDS.find((f) => f.id === field)?.label ?? field})` });
  }
  const index = new Map(FIELDS.map((f) => [f.id, mapping.columns[f.id] ? table.headers.indexOf(mapping.columns[f.id]!) : -1]));
  const monthFirst = new Map(
    FIELDS.filter((f) => f.kind === "date" && index.get(f.id)! >= 0).map((f) => [f.id, monthFirstEvidence(table.rows.map((r) => r.cells[index.get(f.id)!] ?? null))]),
  );
  const records = table.rows.map((r) =>
    IMPORT_COLUMNS.map((id) => {
      const f = FIELDS.find((x) => x.id === id)!;
      const i = index.get(id)!;
      if (i < 0) return id === "trust ODS" ? (mapping.trust ?? "") : "";
      const cell = r.cells[i] ?? null;
      if (f.kind === "date") {
        const d = readDate(cell, { monthFirstSeen: monthFirst.get(id) });
        if (!d) return "";
        if ("iso" in d) return d.iso;
        problems(r.row, f, "ambiguous" in d ? `Ambiguous date: ${d.ambiguous}` : d.error);
        return "";
      }
      if (f.kind === "money") {
        const m = readMoney(cell, mapping.moneyUnit as MoneyUnit);
        if (!m) return "";
        if ("k" in m) return `${m.k}k`;
        problems(r.row, f, m.error);
        return "";
      }
      const text = cellText(cell);
      if (f.kind === "coded" && isCoded(id) && text) {
        const saved = mapping.values[id] ?? {};
        const mapped = text in saved ? saved[text] : guessValue(id, text);
        if (mapped && !(CODED_VALUES[id] as readonly string[]).includes(mapped)) problems(r.row, f, `"${mapped}" is not one of Fulcrum's values`);
        // Never guessed silently: a value no one matched is a problem; "leave unset" is a choice ("").
        if (!(text in saved) && !mapped) problems(r.row, f, `"${text}" is not matched to a Fulcrum value: choose one for it, or "Leave unset", on the mapping page`);
        return mapped;
      }
      return typeof cell === "number" && !Number.isInteger(cell) ? String(cell) : text;
    }),
  );
  return { records: [[...IMPORT_COLUMNS], ...records], rowNumbers: [table.headerRow, ...table.rows.map((r) => r.row)], errors };
}

/** How a problem names a column: the file's column and Fulcrum's field, "Date of decision (Date decided)". */
export function displayColumn(mapping: ImportMapping, column: string): string {
  const f = FIELDS.find((x) => x.id === column);
  if (!f) return column;
  const col = mapping.columns[f.id];
  return col ? `${col} (${f.label})` : f.label;
}
