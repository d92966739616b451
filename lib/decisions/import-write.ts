import "server-only";
// The CSV import's writes, in the caller's ONE transaction (lib/decisions/import.ts checks the file
// first). What it writes is exactly what createDecisionInTx then submitDecisionInTx write row by row:
// the same decision rows, parts, frozen versions and hashes, and the same audit events in the same
// chain order. Only the way differs: trusts and their linkable organisations are read once, each
// audit chain's head is locked once and kept in memory, and rows go in with multi-row inserts.
import { randomUUID } from "node:crypto";
import { and, eq, getTableColumns, inArray, sql, type Table } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decisionFactors, decisionOrganisations, decisionVersions, decisions, organisations, successCriteria, type Decision, type Organisation } from "@/db/schema";
import { assertCan, chiefExecutiveTrustIds, type Actor } from "../access";
import { AuditAppender } from "../audit";
import { AppError, isAppError } from "../errors";
import { nextStatus, refusalMessage, type DecisionStatus } from "../lifecycle";
import { parseInput } from "../validation";
import { CreateDecisionSchema, submitProblems, type DecisionInput } from "./schemas";
import { appendHistoricSignOff, assertHistoricSignOff, writeHistoricSignOffs, type HistoricSignOff, type HistoricWrite } from "./import-history";
import { columnsFrom, linkableOrganisations, matchParts, partRows, readContents, trustRef, versionRow } from "./store";
import { extractWordPairs } from "../dashboards/word-pairs-store";

export type ImportWriteRow = {
  /** The spreadsheet row, for errors. */
  row: number;
  /** The create input, as createDecisionInTx takes it. */
  raw: unknown;
  /** An administrator imports on behalf of the trust's Chief Executive (OnBehalfOf in write.ts). */
  onBehalfOf?: Actor;
  submit: boolean;
  /** Already signed off at a past meeting (implies submit): recorded as imported, with no positions. */
  signedOff?: HistoricSignOff | null;
};

/** Where the rows came from: named by every audit event the import writes. */
export type ImportSource = { file: string; sheet: string | null; sha256: string };

/** A row refused by the same rules createDecisionInTx and submitDecisionInTx apply. */
export class ImportRowFailure extends Error {
  constructor(
    readonly row: number,
    readonly error: AppError,
  ) {
    super(error.message);
  }
}

/**
 * Creates every row's decision, submits those marked to submit, and appends one decision.import
 * event per trust (`total`: the file's data rows). Throws ImportRowFailure naming the first row
 * refused; the caller's transaction then rolls everything back.
 */
export async function writeImportInTx(tx: DbOrTx, actor: Actor, rows: ImportWriteRow[], { total, source }: { total: number; source?: ImportSource }) {
  const plans = await planRows(tx, actor, rows);
  const audit = await AuditAppender.open(tx, plans.map((p) => p.trust.id));

  const inserted = new Map<string, Decision>();
  for (const chunk of chunks(decisions, plans.map((p) => p.values))) {
    for (const d of await tx.insert(decisions).values(chunk).returning()) inserted.set(d.id, d);
  }
  const parts = plans.map((p) => partRows(p.values.id, p.input, p.orgs));
  for (const chunk of chunks(decisionFactors, parts.flatMap((p) => p.factors))) await tx.insert(decisionFactors).values(chunk);
  for (const chunk of chunks(decisionOrganisations, parts.flatMap((p) => p.organisations))) await tx.insert(decisionOrganisations).values(chunk);
  for (const chunk of chunks(successCriteria, parts.flatMap((p) => p.criteria))) await tx.insert(successCriteria).values(chunk);

  // What readContent reads back, for all of them at once: the events and versions hold the stored
  // content, not the input.
  const contents = await readContents(tx, [...inserted.values()]);
  const versions: ReturnType<typeof versionRow>[] = [];
  const submits: { id: string; status: DecisionStatus; version: number; contentHash: string; baseRevision: number }[] = [];
  const perTrust = new Map<string, { created: number; submitted: number; signedOff: number }>();
  const historic: HistoricWrite[] = [];
  for (const p of plans) {
    const d = inserted.get(p.values.id)!;
    const content = contents.get(d.id)!;
    const onBehalfOf = p.author !== actor ? { onBehalfOf: p.author.userId } : {};
    // "Imported from <file>, sheet, row N" and the file's SHA-256, when the import knows its file.
    const from = source ? { importedFrom: { file: source.file, sheet: source.sheet, row: p.row, sha256: source.sha256 } } : {};
    audit.append(actor, {
      organisationId: p.trust.id,
      action: "decision.create",
      entityType: "decision",
      entityId: d.id,
      after: { revision: d.revision, status: d.status, content, ...onBehalfOf, ...from },
    });
    const counts = perTrust.get(p.trust.id) ?? { created: 0, submitted: 0, signedOff: 0 };
    counts.created++;
    perTrust.set(p.trust.id, counts);
    const to = p.submitTo;
    if (!to) continue;
    const frozen = atRow(p.row, () => {
      assertReadyToSubmit({ ...content, category: content.category });
      return versionRow(actor, d, p.trust, d.version + 1, content);
    });
    versions.push(frozen);
    submits.push({ id: d.id, status: to, version: frozen.version, contentHash: frozen.contentHash, baseRevision: d.revision });
    audit.append(actor, {
      organisationId: p.trust.id,
      action: "decision.submit",
      entityType: "decision",
      entityId: d.id,
      before: { status: d.status, version: d.version },
      after: { revision: d.revision + 1, status: to, version: frozen.version, contentHash: frozen.contentHash, ...onBehalfOf, ...from },
    });
    counts.submitted++;
    if (p.signedOff) {
      historic.push(appendHistoricSignOff(audit, actor, { decision: d, row: p.row, signedOff: p.signedOff, version: frozen.version, contentHash: frozen.contentHash, source }));
      counts.signedOff++;
    }
  }

  for (const chunk of chunks(decisionVersions, versions)) await tx.insert(decisionVersions).values(chunk);
  await markSubmitted(tx, submits);
  await writeHistoricSignOffs(tx, actor, historic, source);
  for (const [trustId, { signedOff, ...counts }] of perTrust) {
    // The counts as before; history and the file only when there are some (an import without them reads as it always did).
    const extra = { ...(signedOff ? { signedOff } : {}), ...(source ? { file: source.file, sheet: source.sheet, sha256: source.sha256 } : {}) };
    audit.append(actor, { organisationId: trustId, action: "decision.import", entityType: "import", after: { rows: total, ...counts, ...extra } });
  }
  await audit.flush();
  return { ids: plans.map((p) => p.values.id), submitted: submits.length, signedOff: historic.length };
}

/**
 * Every check createDecisionInTx and submitDecisionInTx make before writing, row by row in their
 * order, with the trusts and their linkable organisations read once. Nothing is written.
 */
async function planRows(tx: DbOrTx, actor: Actor, rows: ImportWriteRow[]) {
  const parsed = rows.map((r): { input: DecisionInput & { trust?: string } } | { error: AppError } => {
    try {
      return { input: parseInput(CreateDecisionSchema, r.raw) };
    } catch (e) {
      if (isAppError(e)) return { error: e };
      throw e;
    }
  });
  const odsList = [...new Set(parsed.map((p) => ("input" in p ? p.input.trust : undefined)).filter((o): o is string => !!o))];
  const trusts = odsList.length ? await tx.select().from(organisations).where(and(inArray(organisations.ods, odsList), eq(organisations.kind, "trust"))) : [];
  const trustByOds = new Map(trusts.map((t) => [t.ods, t]));
  const linkable = new Map<string, Map<string, { id: string; name: string }>>();
  for (const t of trusts) linkable.set(t.id, new Map((await linkableOrganisations(tx, t)).map((o) => [o.ods, o])));

  return rows.map((r, i) =>
    atRow(r.row, () => {
      const p = parsed[i];
      if ("error" in p) throw p.error;
      const { input } = p;
      // createDecisionInTx
      const author = r.onBehalfOf ?? actor;
      if (author !== actor) assertCan(actor, "decision.import");
      // An import row always names its trust (the file's rule), so there is no "your only trust" default.
      const trust: Organisation | undefined = input.trust ? trustByOds.get(input.trust) : undefined;
      if (!trust) throw new AppError("not_found", "Trust not found");
      assertCan(author, "decision.create", trustRef(trust), { what: "Trust" });
      const { orgs } = matchParts(linkable.get(trust.id)!, input, new Set());
      const values = { id: randomUUID(), trustId: trust.id, authorId: author.userId, ...columnsFrom(input) };
      // submitDecisionInTx, on the draft as createDecisionInTx leaves it
      let submitTo: DecisionStatus | null = null;
      if (r.signedOff && !r.submit) throw new AppError("invalid", "A decision signed off in the past must be submitted too");
      if (r.submit) {
        if (author !== actor) assertCan(actor, "decision.import");
        const draft = { ...values, status: "draft" as const, version: 0 };
        // submitDecisionInTx loads the draft as its author may read it (readableDecisionsWhere): a draft is
        // read by its author while Chief Executive of its trust.
        if (!chiefExecutiveTrustIds(author).includes(trust.id)) throw new AppError("not_found", "Decision not found");
        assertCan(author, "decision.submit", trustRef(trust), { visible: true });
        submitTo = nextStatus(draft.status, "submit");
        if (!submitTo) throw new AppError("conflict", refusalMessage(draft.status, "submit"));
        // Checked here on the input, so the first row refused is named as row by row it would be;
        // checked again below on the content as stored, which is what submitDecisionInTx checks.
        assertReadyToSubmit(input);
      }
      // History: signed off from awaiting sign-off, as the lifecycle allows; its date is in the past.
      if (r.signedOff && submitTo) assertHistoricSignOff(submitTo, r.signedOff, input.decidedOn ?? null);
      return { row: r.row, input, author, trust, orgs, values, submitTo, signedOff: r.signedOff ?? null };
    }),
  );
}

/** submitDecisionInTx's refusal of a decision not ready to submit. */
function assertReadyToSubmit(content: Parameters<typeof submitProblems>[0]) {
  const problems = submitProblems(content);
  if (Object.keys(problems).length) throw new AppError("invalid", "The decision is not ready to submit for sign-off", { fieldErrors: problems });
}

/** submitDecisionInTx's revision bump, for many decisions in one statement per chunk. */
async function markSubmitted(tx: DbOrTx, submits: { id: string; status: DecisionStatus; version: number; contentHash: string; baseRevision: number }[]) {
  const now = new Date();
  for (let i = 0; i < submits.length; i += MAX_ROWS) {
    const chunk = submits.slice(i, i + MAX_ROWS);
    const values = sql.join(
      chunk.map((s) => sql`(${s.id}::uuid, ${s.status}::decision_status, ${s.version}::int, ${s.contentHash}::text, ${s.baseRevision}::int)`),
      sql`, `,
    );
    const updated = await tx
      .update(decisions)
      .set({
        status: sql`v.status`,
        version: sql`v.version`,
        contentHash: sql`v.content_hash`,
        submittedAt: now,
        revision: sql`${decisions.revision} + 1`,
        updatedAt: now,
      })
      .from(sql`(values ${values}) as v(id, status, version, content_hash, base_revision)`)
      .where(and(eq(decisions.id, sql`v.id`), eq(decisions.revision, sql`v.base_revision`)))
      .returning({ id: decisions.id });
    // The drafts were inserted by this transaction, so none can have moved on.
    if (updated.length !== chunk.length) throw new Error(`import: ${chunk.length - updated.length} submitted decisions changed under the import`);
    await extractWordPairs(tx, chunk.map((x) => x.id));
  }
}

/** Runs a row's step; an AppError becomes that row's failure. */
function atRow<T>(row: number, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isAppError(e)) throw new ImportRowFailure(row, e);
    throw e;
  }
}

/** PostgreSQL's limit on one statement's parameters. */
const MAX_PARAMS = 65_535;
/** Rows per statement at most, so that no one statement grows too large (jsonb content). */
const MAX_ROWS = 1000;

/** Rows in chunks a multi-row insert into `table` can take: at most one parameter per column per row. */
function* chunks<T>(table: Table, rows: T[]): Generator<T[]> {
  const size = Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / Object.keys(getTableColumns(table)).length));
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}
