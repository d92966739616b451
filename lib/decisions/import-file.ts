import "server-only";
// An uploaded register file (README, "Importing an existing register"): read into a table (an .xlsx
// sheet, or CSV/tab-separated text in UTF-8, UTF-16 or Windows-1252, refused by row where it cannot
// be read without damage), previewed for the mapping page, and the trust's saved mappings.
import { createHash } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { importMappings, organisations } from "@/db/schema";
import { ROLE, can, isAdmin, membershipsWithRole, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { formatMoneyK } from "../format";
import { parseInput } from "../validation";
import { CATEGORY_LABELS, FAVOURED_LABELS, VISIBILITY_LABELS } from "./taxonomy";
import { IMPORT_COLUMNS, type ImportError } from "../export/import-rows";
import { FIELDS, ImportMappingSchema, applyMapping, codedValues, guessColumns, type ImportMapping } from "../import/mapping";
import { ImportFileError, readTable, type SourceTable } from "../import/table";
import { formatLongDate } from "../import/values";
import { z } from "zod";

export type ImportFile = {
  /** The file's name as uploaded: named by the audit events. */
  name: string;
  bytes: Uint8Array;
  /** The .xlsx sheet to read (default: the first). */
  sheet?: string | null;
  /** The column mapping (ImportMapping, checked here); without one the file must use Fulcrum's own column names. */
  mapping?: unknown;
};

export const sha256Hex = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
export const todayInLondon = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

export async function readImportTable(file: ImportFile): Promise<{ table: SourceTable } | { errors: ImportError[] }> {
  try {
    return { table: await readTable(file.bytes, { name: file.name, sheet: file.sheet ?? null }) };
  } catch (e) {
    if (e instanceof ImportFileError) return { errors: e.problems };
    throw e;
  }
}

/** Parses a mapping from the page or the API; a CE of one trust imports into it by default. */
export async function resolveMapping(actor: Actor, raw: unknown): Promise<ImportMapping> {
  const mapping = parseInput(ImportMappingSchema, raw);
  if (!mapping.trust && !mapping.columns["trust ODS"]) {
    const ce = membershipsWithRole(actor, ROLE.chiefExecutive);
    if (ce.length === 1) mapping.trust = ce[0].ods ?? undefined;
  }
  return mapping;
}

function assertMayImport(actor: Actor) {
  if (!isAdmin(actor) && !membershipsWithRole(actor, ROLE.chiefExecutive).some((m) => can(actor, "decision.import", { id: m.organisationId, kind: "trust", icsId: m.icsId }))) {
    throw new AppError("not_found", "Page not found");
  }
}

/** The trusts the actor may import into: its own as Chief Executive; an administrator names them by ODS. */
function importTrusts(actor: Actor) {
  return membershipsWithRole(actor, ROLE.chiefExecutive)
    .filter((m) => can(actor, "decision.import", { id: m.organisationId, kind: "trust", icsId: m.icsId }))
    .map((m) => ({ id: m.organisationId, ods: m.ods ?? "", name: m.organisationName ?? m.ods ?? "" }));
}

const cellShown = (field: string, v: string): string => {
  if (!v) return "";
  const f = FIELDS.find((x) => x.id === field);
  if (f?.kind === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatLongDate(v);
  if (f?.kind === "money" && /^-?\d+k$/.test(v)) return formatMoneyK(Number(v.slice(0, -1)));
  if (field === "category") return (CATEGORY_LABELS as Record<string, string>)[v] ?? v;
  if (field === "favoured") return (FAVOURED_LABELS as Record<string, string>)[v] ?? v;
  if (field === "visibility") return (VISIBILITY_LABELS as Record<string, string>)[v] ?? v;
  return v.length > 120 ? `${v.slice(0, 117)}…` : v;
};

export type ImportPreview = Awaited<ReturnType<typeof previewImportFile>>;

/**
 * What the mapping page shows for a file: its sheets and columns, the mapping (the one given, or a
 * guess from the column names), each coded column's values, and the first rows as they would be
 * imported. Nothing is written. A file that cannot be read comes back with its problems.
 */
export async function previewImportFile(actor: Actor, file: ImportFile) {
  assertMayImport(actor);
  const read = await readImportTable(file);
  const trusts = importTrusts(actor);
  const saved = await listImportMappings(actor);
  if ("errors" in read) return { ok: false as const, errors: read.errors, trusts, saved };
  const { table } = read;
  const mapping = file.mapping ? await resolveMapping(actor, file.mapping) : await resolveMapping(actor, { columns: guessColumns(table.headers) });
  const sample = { ...table, rows: table.rows.slice(0, 5) };
  const applied = applyMapping(sample, mapping);
  const mapped = FIELDS.filter((f) => mapping.columns[f.id]);
  return {
    ok: true as const,
    name: file.name,
    kind: table.kind,
    encoding: table.encoding,
    sheets: table.sheets,
    sheet: table.sheet,
    headers: table.headers,
    rowCount: table.rows.length,
    mapping,
    values: codedValues(table, mapping),
    fields: FIELDS.map(({ id, label, hint, kind }) => ({ id, label, hint, kind })),
    preview: {
      columns: mapped.map((f) => f.label),
      rows: applied.records.slice(1).map((rec, i) => ({
        row: applied.rowNumbers[i + 1],
        cells: mapped.map((f) => cellShown(f.id, rec[IMPORT_COLUMNS.indexOf(f.id)])),
      })),
      problems: applied.errors,
    },
    trusts,
    saved,
  };
}

// ---------------------------------------------------------------- saved mappings

const SaveSchema = z.object({
  trust: z.string({ error: "Choose the trust" }).trim().toUpperCase().min(2, { error: "Choose the trust" }).max(12),
  name: z.string({ error: "Enter a name for the mapping" }).trim().min(1, { error: "Enter a name for the mapping" }).max(100, { error: "The name must be 100 characters or fewer" }),
  mapping: z.unknown(),
});

async function trustForImport(actor: Actor, ods: string) {
  const db = await getDb();
  const [trust] = await db.select().from(organisations).where(and(eq(organisations.ods, ods), eq(organisations.kind, "trust")));
  if (!trust || !can(actor, "decision.import", { id: trust.id, kind: "trust", icsId: trust.icsId })) throw new AppError("not_found", "Trust not found");
  return trust;
}

/** Saves (or replaces, by name) a mapping for a trust the actor may import into. */
export async function saveImportMapping(actor: Actor, input: { trust: string; name: string; mapping: unknown }) {
  assertMayImport(actor);
  const data = parseInput(SaveSchema, input);
  const mapping = parseInput(ImportMappingSchema, data.mapping);
  const trust = await trustForImport(actor, data.trust);
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Saved again under the same name (any case): replaced.
    const [existing] = await tx
      .select({ id: importMappings.id })
      .from(importMappings)
      .where(and(eq(importMappings.trustId, trust.id), sql`lower(${importMappings.name}) = lower(${data.name})`))
      .for("update");
    const [row] = existing
      ? await tx.update(importMappings).set({ mapping, updatedAt: new Date() }).where(eq(importMappings.id, existing.id)).returning()
      : await tx.insert(importMappings).values({ trustId: trust.id, name: data.name, mapping, createdById: actor.userId }).returning();
    await recordAudit(tx, actor, { organisationId: trust.id, action: "import_mapping.saved", entityType: "import_mapping", entityId: row.id, after: { name: data.name, mapping } });
    return { id: row.id, name: row.name, trust: trust.ods };
  });
}

/** The saved mappings of the trusts the actor may import into (every trust's for an administrator). */
export async function listImportMappings(actor: Actor) {
  assertMayImport(actor);
  const db = await getDb();
  const ids = importTrusts(actor).map((t) => t.id);
  if (!isAdmin(actor) && !ids.length) return [];
  return db
    .select({ id: importMappings.id, name: importMappings.name, trust: organisations.ods, updatedAt: importMappings.updatedAt })
    .from(importMappings)
    .innerJoin(organisations, eq(organisations.id, importMappings.trustId))
    .where(isAdmin(actor) ? undefined : inArray(importMappings.trustId, ids))
    .orderBy(asc(organisations.ods), asc(importMappings.name));
}

/** One saved mapping, to reuse: another trust's is "not found". */
export async function getImportMapping(actor: Actor, id: string): Promise<{ id: string; name: string; trust: string; mapping: ImportMapping }> {
  assertMayImport(actor);
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new AppError("not_found", "Mapping not found");
  const db = await getDb();
  const [row] = await db
    .select({ id: importMappings.id, name: importMappings.name, mapping: importMappings.mapping, trustId: organisations.id, icsId: organisations.icsId, ods: organisations.ods })
    .from(importMappings)
    .innerJoin(organisations, eq(organisations.id, importMappings.trustId))
    .where(eq(importMappings.id, id));
  if (!row || !can(actor, "decision.import", { id: row.trustId, kind: "trust", icsId: row.icsId })) throw new AppError("not_found", "Mapping not found");
  return { id: row.id, name: row.name, trust: row.ods ?? "", mapping: parseInput(ImportMappingSchema, row.mapping) };
}

