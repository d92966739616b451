import "server-only";
// The CSV import (README, "Import"): a dry run that validates every row (the file's own rules in
// lib/export/import-rows.ts, then the lib's input rules and the database: the trust exists, the
// importer may import into it, an administrator's named author is that trust's Chief Executive) and
// writes nothing. A row failing one check does not hide another row's problems (nor its own problems
// with the database): one dry run lists them all. Then the import proper, all or nothing in ONE
// transaction (import-write.ts): what the form's create and submit would write, row for row, with one
// audit event per decision and per submission and one per trust for the import itself.
import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { memberships, organisations, users } from "@/db/schema";
import { ROLE, can, isAdmin, membershipsWithRole, type Actor } from "../access";
import { loadActor } from "../actors";
import { AppError } from "../errors";
import { importColumnOf, validateImportCsv, validateImportRecords, type ImportError, type ImportRow } from "../export/import-rows";
import { applyMapping, displayColumn } from "../import/mapping";
import type { Cell } from "../import/table";
import { readImportTable, resolveMapping, sha256Hex, todayInLondon, type ImportFile } from "./import-file";
import { CreateDecisionSchema, submitProblems } from "./schemas";
import { ImportRowFailure, writeImportInTx } from "./import-write";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

export type ImportCheck = {
  /** Data rows in the file (the header not counted). */
  total: number;
  errors: ImportError[];
  /** Rows that would be imported (all of them when there are no errors, else 0). */
  ready: number;
  toSubmit: number;
  /** Rows that come in as already signed off at a past meeting. */
  signedOff: number;
  trusts: string[];
};

type Checked = ImportCheck & { rows: (ImportRow & { trustId: string; authorId: string | null })[]; sheet: string | null };

/** Whether the actor may import at all: a trust's Chief Executive, or an administrator. */
export function mayImport(actor: Actor): boolean {
  return isAdmin(actor) || membershipsWithRole(actor, ROLE.chiefExecutive).some((m) => can(actor, "decision.import", { id: m.organisationId, kind: "trust", icsId: m.icsId }));
}

function criterionNote(path: string, message: string): string {
  const m = /^criteria\.(\d+)\./.exec(path);
  return m && !message.includes(`criterion ${Number(m[1]) + 1}`) ? `Criterion ${Number(m[1]) + 1}: ${message}` : message;
}

/** Imported criteria carry statement | target | judged-by; the statement doubles as the measure. */
function toLibInput(r: ImportRow) {
  return { ...r.input, criteria: (r.input.criteria ?? []).map((c) => ({ ...c, measure: c.measure || c.statement })) };
}

async function check(actor: Actor, input: string | ImportFile): Promise<Checked> {
  if (!mayImport(actor)) throw new AppError("not_found", "Page not found");
  const admin = isAdmin(actor);
  const ceTrusts = membershipsWithRole(actor, ROLE.chiefExecutive);
  const opts = { isAdmin: admin, allowedTrustOds: admin ? undefined : new Set(ceTrusts.map((m) => m.ods)), today: todayInLondon() };
  let parsed: ReturnType<typeof validateImportCsv>;
  let display = (column: string) => column;
  let sheetOf: string | null = null;
  const fileErrors: ImportError[] = [];
  if (typeof input === "string") parsed = validateImportCsv(input, opts);
  else {
    const read = await readImportTable(input);
    if (!("errors" in read)) sheetOf = read.table.sheet;
    if ("errors" in read) parsed = { rows: [], unparsed: [], errors: read.errors, total: 0 };
    else if (!input.mapping) {
      // A file in Fulcrum's own columns (a register export, the CSV the page documents): read by its header.
      const { table } = read;
      const text = (c: Cell) => (c === null ? "" : typeof c === "object" ? c.date : String(c));
      parsed = validateImportRecords([table.rawHeaders, ...table.rows.map((r) => r.cells.map(text))], { ...opts, rowNumbers: [table.headerRow, ...table.rows.map((r) => r.row)] });
    } else {
      const mapping = await resolveMapping(actor, input.mapping);
      const applied = applyMapping(read.table, mapping);
      fileErrors.push(...applied.errors);
      parsed = validateImportRecords(applied.records, { ...opts, rowNumbers: applied.rowNumbers });
      display = (column) => displayColumn(mapping, column);
    }
  }
  // One message per row and column: the first found (reading the file, then the file's own rules)
  // stands. A set, not a scan, since a 10,000-row file may collect an error from every check on every row.
  const seen = new Set<string>();
  const errors: ImportError[] = [...fileErrors, ...parsed.errors.map((e) => ({ ...e, column: display(e.column) }))].filter((e) => {
    const key = `${e.row}\u0000${e.column}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const fail = (row: number, columnId: string, message: string) => {
    const column = display(columnId);
    const key = `${row}\u0000${column}`;
    if (seen.has(key)) return;
    seen.add(key);
    errors.push({ row, column, message });
  };

  // The lib's own rules, which the form and the API apply too (never looser than the file's).
  for (const r of parsed.rows) {
    const lib = CreateDecisionSchema.safeParse(toLibInput(r));
    if (!lib.success) {
      for (const issue of lib.error.issues) {
        const path = issue.path.map(String).join(".");
        fail(r.row, importColumnOf(path), criterionNote(path, issue.message));
      }
      continue;
    }
    if (r.submit) {
      for (const [path, message] of Object.entries(submitProblems(lib.data))) fail(r.row, importColumnOf(path), criterionNote(path, message));
    }
  }

  // The database: trusts, and (administrators) the authors. Rows with errors of the file's own are
  // checked here too, as far as their trust and author cells could be read.
  const located = [
    ...parsed.rows.map((r) => ({ row: r.row, trust: r.input.trust, authorEmail: r.authorEmail, parsed: r })),
    ...parsed.unparsed.map((u) => ({ ...u, parsed: null })),
  ];
  const odsList = [...new Set(located.map((r) => r.trust).filter((o): o is string => !!o))];
  const trusts = odsList.length
    ? await (await getDb()).select({ id: organisations.id, ods: organisations.ods }).from(organisations).where(and(inArray(organisations.ods, odsList), eq(organisations.kind, "trust")))
    : [];
  const trustByOds = new Map(trusts.map((t) => [t.ods, t.id]));
  const emails = [...new Set(located.map((r) => r.authorEmail).filter((e): e is string => !!e))];
  const ceRows = emails.length
    ? await (await getDb())
        .select({ userId: users.id, email: users.email, trustId: memberships.organisationId })
        .from(users)
        .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.role, ROLE.chiefExecutive)))
        .where(and(inArray(users.email, emails), isNull(users.disabledAt)))
    : [];
  const rows: Checked["rows"] = [];
  for (const r of located) {
    if (!r.trust) continue;
    const trustId = trustByOds.get(r.trust);
    if (!trustId) {
      fail(r.row, "trust ODS", `There is no trust with ODS code ${r.trust}`);
      continue;
    }
    let authorId: string | null = null;
    if (admin) {
      if (!r.authorEmail) continue; // its author cell is already named in the errors
      const ce = ceRows.find((c) => c.email === r.authorEmail && c.trustId === trustId);
      if (!ce) {
        fail(r.row, "author email", `${r.authorEmail} is not the Chief Executive of ${r.trust} (an imported decision's author must be)`);
        continue;
      }
      authorId = ce.userId;
    }
    if (r.parsed) rows.push({ ...r.parsed, trustId, authorId });
  }
  errors.sort((a, b) => a.row - b.row || a.column.localeCompare(b.column));
  const ok = errors.length === 0;
  return {
    total: parsed.total,
    errors,
    ready: ok ? rows.length : 0,
    toSubmit: ok ? rows.filter((r) => r.submit && !r.signedOff).length : 0,
    signedOff: ok ? rows.filter((r) => r.signedOff).length : 0,
    trusts: ok ? odsList.sort() : [],
    rows: ok ? rows : [],
    sheet: sheetOf,
  };
}

/** The dry run: every row checked, nothing written. */
export async function checkImport(actor: Actor, input: string | ImportFile): Promise<ImportCheck> {
  const { rows: _rows, sheet: _sheet, ...result } = await check(actor, input);
  return result;
}

export type ImportResult = { created: number; submitted: number; signedOff: number; ids: string[]; tookMs: number };

/**
 * Imports the file: checked again (a dry run of the same bytes), then every decision created, and
 * submitted where the file says so, in one transaction (writeImportInTx). Any error: nothing is
 * written, and the error names the row.
 */
export async function importDecisions(actor: Actor, input: string | ImportFile): Promise<ImportResult> {
  const started = performance.now();
  const checked = await check(actor, input);
  const source = typeof input === "string" ? undefined : { file: input.name, sheet: checked.sheet, sha256: sha256Hex(input.bytes) };
  if (checked.errors.length) {
    throw new AppError("invalid", `The file has ${checked.errors.length === 1 ? "a problem" : `${checked.errors.length} problems`}; nothing was imported`, {
      details: { errors: checked.errors },
    });
  }
  if (!checked.rows.length) throw new AppError("invalid", "The file has no decisions to import", { details: { errors: [{ row: 1, column: "", message: "The file has no decisions to import" }] } });
  const db = await getDb();
  return db.transaction(async (tx) => {
    const authors = new Map<string, Actor>();
    for (const id of new Set(checked.rows.map((r) => r.authorId).filter((x): x is string => !!x))) {
      const a = await loadActor(tx, id);
      if (!a) throw new AppError("invalid", "An author in the file can no longer sign in; nothing was imported");
      authors.set(id, a);
    }
    const rows = checked.rows.map((r) => ({ row: r.row, raw: toLibInput(r), onBehalfOf: r.authorId ? authors.get(r.authorId)! : undefined, submit: r.submit, signedOff: r.signedOff }));
    try {
      const { ids, submitted, signedOff } = await writeImportInTx(tx, actor, rows, { total: checked.total, source });
      return { created: ids.length, submitted: submitted - signedOff, signedOff, ids, tookMs: Math.round(performance.now() - started) };
    } catch (e) {
      if (!(e instanceof ImportRowFailure)) throw e;
      const first = e.error.fieldErrors ? Object.entries(e.error.fieldErrors)[0] : undefined;
      const error: ImportError = { row: e.row, column: first ? importColumnOf(first[0]) : "", message: first ? first[1] : e.error.message };
      throw new AppError("invalid", `Row ${e.row}: ${error.message}. Nothing was imported.`, { details: { errors: [error] } });
    }
  });
}
