// The CSV import's pure half: header mapping and row-by-row validation into the decision input
// shape the lib takes (lib/decisions/schemas.ts), checked by the lib's own schema. It writes nothing. Rows that pass go on to the
// lib's and the database's checks (lib/decisions/import.ts) even when other rows failed, so one dry
// run lists every problem; the import proper runs only when there are none (README, "Import").
import { CreateDecisionSchema } from "../decisions/schemas";
import { CATEGORY_IDS, FACTOR_IDS, FACTOR_LABELS, type CategoryId, type FactorId, type FavouredId, type VisibilityId } from "../decisions/taxonomy";
import { parseCsv, CsvSyntaxError } from "./csv-parse";
import { REGISTER_HEADERS } from "./register";
import { unneutralise } from "./neutralise";
import { formatLongDate, readMoney } from "../import/values";

export const IMPORT_COLUMNS = [
  "trust ODS",
  "title",
  "summary",
  "rationale",
  "favoured",
  "category",
  "decided on",
  "factors",
  "visibility",
  "author email",
  "criteria",
  "submit",
  "options",
  "impact on trust",
  "impact on system",
  // History (README, "Importing an existing register"): a row with a sign-off date comes in as
  // already signed off at that past meeting. Named so that a register export's own "signed off on"
  // column never turns a round trip into history.
  "historic signed off on",
  "historic meeting",
  "historic signed off by",
] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const MAX_IMPORT_ROWS = 10_000;

export type ImportError = { /** Spreadsheet row: 1 is the header, 2 the first decision. */ row: number; column: string; message: string };

export type ImportRow = {
  row: number;
  input: ImportedDecision;
  /** Administrators import on behalf of a Chief Executive. */
  authorEmail: string | null;
  /** Submit for sign-off after creating (needs criteria, side and category). */
  submit: boolean;
  /** Imported as already signed off at a past board meeting (implies submit). */
  signedOff: HistoricSignOff | null;
};

export type HistoricSignOff = { on: string; meeting: string; by: string };

/** What a row gives: the columns an import reads, in the lib's input names. */
export type ImportedDecision = {
  trust: string;
  title: string;
  summary: string;
  rationale: string;
  favoured: FavouredId | null;
  category: CategoryId | null;
  decidedOn: string | null;
  factors: FactorId[];
  visibility: VisibilityId;
  options: string;
  impactOnTrust: { amountK: number | null; text: string };
  impactOnSystem: { amountK: number | null; text: string };
  criteria: { statement: string; target: string; judgedBy: string | null; measure?: string }[];
};

export type ImportOptions = {
  /** An administrator may (and must) name the author; anyone else may not. */
  isAdmin: boolean;
  /** ODS codes the importer may import into; omit to check the format only. */
  allowedTrustOds?: ReadonlySet<string>;
  maxRows?: number;
  /** Each record's spreadsheet row (header first); by default the record's place in the file. */
  rowNumbers?: number[];
  /** Today (YYYY-MM-DD, Europe/London): a historic sign-off must be before it. */
  today?: string;
};

/**
 * A row with errors of the file's own: what could still be read of it, so the database checks (the
 * trust exists; an administrator's author is its Chief Executive) can name their problems too.
 */
export type UnparsedRow = {
  row: number;
  /** The trust's ODS code when that cell passed; null when it is the cell in error. */
  trust: string | null;
  /** The author's email (administrators) when that cell passed. */
  authorEmail: string | null;
};

export type ImportResult = {
  /** Rows with no errors of the file's own. Others may have errors: import only when `errors` is empty. */
  rows: ImportRow[];
  /** Rows with errors of the file's own (each named in `errors`). */
  unparsed: UnparsedRow[];
  errors: ImportError[];
  total: number;
};

const norm = (s: string) => s.trim().toLowerCase().replace(/[\s_-]+/g, " ").replace(/e mail/g, "email");

const HEADER_ALIASES = new Map<string, ImportColumn>(IMPORT_COLUMNS.map((c) => [norm(c), c]));
HEADER_ALIASES.set("trust", "trust ODS");
HEADER_ALIASES.set("ods", "trust ODS");
HEADER_ALIASES.set("author", "author email");
/** Columns a Fulcrum export has that an import reads past. */
const EXPORT_ONLY = new Set(REGISTER_HEADERS.map(norm).filter((h) => !HEADER_ALIASES.has(h)));

function lookup<T extends string>(value: string, codes: readonly T[], labels?: Record<T, string>): T | undefined {
  const v = norm(value);
  return codes.find((c) => norm(c) === v || (labels && norm(labels[c]) === v));
}

/** YYYY-MM-DD, or DD/MM/YYYY as a UK spreadsheet re-saves it. Null when not a real date. */
export function parseImportDate(s: string): string | null {
  let iso = s.trim();
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(iso);
  if (uk) iso = `${uk[3]}-${uk[2].padStart(2, "0")}-${uk[1].padStart(2, "0")}`;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

const TRUE = new Set(["yes", "y", "true", "1", "submit"]);
const FALSE = new Set(["", "no", "n", "false", "0", "draft"]);

/** The import column a decision field (or a path inside it, like `criteria.0.target`) is read from. */
export function importColumnOf(path: string): ImportColumn {
  return FIELD_COLUMN[path.split(".")[0]] ?? "title";
}

const FIELD_COLUMN: Record<string, ImportColumn> = {
  trust: "trust ODS",
  title: "title",
  summary: "summary",
  rationale: "rationale",
  favoured: "favoured",
  category: "category",
  decidedOn: "decided on",
  factors: "factors",
  visibility: "visibility",
  criteria: "criteria",
  options: "options",
  impactOnTrust: "impact on trust",
  impactOnSystem: "impact on system",
};

/** Parses and validates a whole file. Every row is checked; nothing stops at the first error. */
export function validateImportCsv(text: string, opts: ImportOptions): ImportResult {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) return { rows: [], unparsed: [], errors: [{ row: e.line, column: "", message: e.message }], total: 0 };
    throw e;
  }
  if (records.length === 0) return { rows: [], unparsed: [], errors: [{ row: 1, column: "", message: "The file is empty" }], total: 0 };
  return validateImportRecords(records.map((r) => r.fields), opts);
}

export function validateImportRecords(records: string[][], opts: ImportOptions): ImportResult {
  const errors: ImportError[] = [];
  const [header, ...data] = records;
  const index = new Map<ImportColumn, number>();
  header.forEach((h, i) => {
    const name = unneutralise(h).trim();
    const col = HEADER_ALIASES.get(norm(name));
    if (col) {
      if (index.has(col)) errors.push({ row: 1, column: name, message: `The column "${col}" appears twice` });
      else index.set(col, i);
    } else if (name && !EXPORT_ONLY.has(norm(name))) {
      errors.push({ row: 1, column: name, message: `Unknown column "${name}". Columns are: ${IMPORT_COLUMNS.join(", ")}` });
    }
  });
  for (const required of ["trust ODS", "title"] as const) {
    if (!index.has(required)) errors.push({ row: 1, column: required, message: `The file needs a "${required}" column` });
  }
  const maxRows = opts.maxRows ?? MAX_IMPORT_ROWS;
  if (data.length > maxRows) errors.push({ row: 1, column: "", message: `The file has ${data.length.toLocaleString("en-GB")} rows; import at most ${maxRows.toLocaleString("en-GB")} at a time` });
  // Without a usable header no row can be read.
  if (errors.length) return { rows: [], unparsed: [], errors, total: data.length };

  const rows: ImportRow[] = [];
  const unparsed: UnparsedRow[] = [];
  data.forEach((fields, i) => {
    const result = validateRow(fields, opts.rowNumbers?.[i + 1] ?? i + 2, index, opts);
    if ("errors" in result) {
      errors.push(...result.errors);
      unparsed.push(result.unparsed);
    } else rows.push(result.row);
  });
  return { rows, unparsed, errors, total: data.length };
}

function validateRow(
  fields: string[],
  row: number,
  index: Map<ImportColumn, number>,
  opts: ImportOptions,
): { row: ImportRow } | { errors: ImportError[]; unparsed: UnparsedRow } {
  const errors: ImportError[] = [];
  const fail = (column: ImportColumn, message: string) => {
    if (!errors.some((e) => e.column === column)) errors.push({ row, column, message });
  };
  const cell = (c: ImportColumn) => {
    const i = index.get(c);
    return i === undefined ? "" : unneutralise(fields[i] ?? "").replace(/\r\n?/g, "\n").trim();
  };

  const trust = cell("trust ODS").toUpperCase();
  if (!trust) fail("trust ODS", "Enter the trust's ODS code");
  else if (!/^[A-Z0-9]{2,10}$/.test(trust)) fail("trust ODS", `"${trust}" is not an ODS code (2 to 10 letters or digits, like RNA)`);
  else if (opts.allowedTrustOds && !opts.allowedTrustOds.has(trust)) fail("trust ODS", `You cannot import decisions for ${trust}`);

  const title = cell("title");
  if (!title) fail("title", "Enter a title");

  const favouredRaw = cell("favoured");
  const favoured = favouredRaw ? lookup(favouredRaw, ["system", "trust"] as const) : null;
  if (favoured === undefined) fail("favoured", `"${favouredRaw}" is not a side: use system or trust`);

  const categoryRaw = cell("category");
  const category = categoryRaw ? lookup(categoryRaw, CATEGORY_IDS) : null;
  if (category === undefined) fail("category", `"${categoryRaw}" is not a category: use one of ${CATEGORY_IDS.join(", ")}`);

  const decidedRaw = cell("decided on");
  const decidedOn = decidedRaw ? parseImportDate(decidedRaw) : null;
  if (decidedRaw && !decidedOn) fail("decided on", `"${decidedRaw}" is not a date: use 2026-11-26 (or 26/11/2026)`);

  const factors: FactorId[] = [];
  for (const part of cell("factors").split(";").map((s) => s.trim()).filter(Boolean)) {
    const f = lookup(part, FACTOR_IDS, FACTOR_LABELS);
    if (!f) fail("factors", `"${part}" is not a factor: use codes such as ${FACTOR_IDS.slice(0, 3).join(", ")}`);
    else if (!factors.includes(f)) factors.push(f);
  }

  const visibilityRaw = cell("visibility");
  const visibility = visibilityRaw ? lookup(visibilityRaw, ["trust", "system"] as const) : "trust";
  if (visibility === undefined) fail("visibility", `"${visibilityRaw}" is not a visibility: use trust or system`);

  const authorRaw = cell("author email").toLowerCase();
  let authorEmail: string | null = null;
  if (opts.isAdmin) {
    if (!authorRaw) fail("author email", "Enter the author's email address (an administrator imports on behalf of a Chief Executive)");
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(authorRaw)) fail("author email", `"${authorRaw}" is not an email address`);
    else authorEmail = authorRaw;
  } else if (authorRaw) {
    fail("author email", "Only an administrator can set the author: leave this column empty");
  }

  const criteria: ImportedDecision["criteria"] = [];
  const criteriaParts = cell("criteria").split(";").map((s) => s.trim()).filter(Boolean);
  criteriaParts.forEach((part, n) => {
    const bits = part.split("|").map((s) => s.trim());
    if (bits.length > 3) return fail("criteria", `Criterion ${n + 1} has ${bits.length} parts: write statement | target | judged-by`);
    const [statement, target = "", judgedRaw = ""] = bits;
    if (!statement) return fail("criteria", `Criterion ${n + 1} has no statement`);
    const judgedBy = judgedRaw ? parseImportDate(judgedRaw) : null;
    if (judgedRaw && !judgedBy) return fail("criteria", `Criterion ${n + 1}: "${judgedRaw}" is not a date`);
    criteria.push({ statement, target, judgedBy });
  });

  const impact = (column: "impact on trust" | "impact on system") => {
    const raw = cell(column);
    const money = readMoney(raw || null, "thousands");
    if (money && "error" in money) fail(column, money.error);
    return { amountK: money && "k" in money ? money.k : null, text: "" };
  };
  const impactOnTrust = impact("impact on trust");
  const impactOnSystem = impact("impact on system");

  let signedOff: HistoricSignOff | null = null;
  const historicRaw = cell("historic signed off on");
  if (historicRaw) {
    const on = parseImportDate(historicRaw);
    if (!on) fail("historic signed off on", `"${historicRaw}" is not a date`);
    else if (opts.today && on >= opts.today) fail("historic signed off on", `${formatLongDate(on)} is not in the past: only decisions already signed off come in as history`);
    else if (decidedOn && on < decidedOn) fail("historic signed off on", `${formatLongDate(on)} is before the decision was made (${formatLongDate(decidedOn)})`);
    const meeting = cell("historic meeting");
    const by = cell("historic signed off by");
    if (meeting.length > 200) fail("historic meeting", "The meeting must be 200 characters or fewer");
    if (by.length > 500) fail("historic signed off by", "Who signed it off must be 500 characters or fewer");
    if (on) signedOff = { on, meeting, by };
  } else if (cell("historic meeting") || cell("historic signed off by")) {
    fail("historic signed off on", "Give the date it was signed off, or leave the meeting and who signed it off empty");
  }

  const submitRaw = cell("submit").toLowerCase();
  const submit = TRUE.has(submitRaw) || !!historicRaw;
  if (!submit && !FALSE.has(submitRaw)) fail("submit", `"${submitRaw}" is not yes or no`);
  if (submit) {
    const why = historicRaw ? "A decision signed off in the past" : "A decision to submit";
    if (!criteria.length) fail("criteria", `${why} needs at least one success criterion`);
    if (!favoured) fail("favoured", `${why} needs a side: system or trust`);
    if (!category) fail("category", `${why} needs a category`);
  }

  const input: ImportedDecision = {
    trust,
    title,
    summary: cell("summary"),
    rationale: cell("rationale"),
    favoured: favoured ?? null,
    category: category ?? null,
    decidedOn,
    factors,
    visibility: visibility ?? "trust",
    options: cell("options"),
    impactOnTrust,
    impactOnSystem,
    criteria,
  };
  // The lib's own rules (lengths, forbidden characters) for whatever the checks above let through.
  const parsed = CreateDecisionSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const column = importColumnOf(String(issue.path[0]));
      const prefix = issue.path[0] === "criteria" && typeof issue.path[1] === "number" ? `Criterion ${issue.path[1] + 1}: ` : "";
      fail(column, prefix + issue.message);
    }
  }
  if (errors.length) {
    const ok = (column: ImportColumn) => !errors.some((e) => e.column === column);
    return { errors, unparsed: { row, trust: trust && ok("trust ODS") ? trust : null, authorEmail: ok("author email") ? authorEmail : null } };
  }
  return { row: { row, input, authorEmail, submit, signedOff } };
}
