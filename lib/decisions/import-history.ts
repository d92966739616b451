import "server-only";
// History comes in as history (README, "Importing an existing register"): a row of a trust's past
// register that its board signed off before Fulcrum is created and submitted exactly as any imported
// row (import-write.ts), then signed off on the past date it names. That is an ordinary `signed_off`
// decision (decisions.status = 'signed_off', signed_off_at and submitted_at = the meeting's date), so
// the register, Table 6 and every dashboard count it as signed off; what makes it history is a row in
// imported_sign_offs (when, at which meeting, by whom as the register says, the file, sheet, row and
// SHA-256) and its audit event `decision.signed_off` with `imported: true`. No positions are written:
// the members took none in Fulcrum.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { decisions, importedSignOffs, type Decision } from "@/db/schema";
import type { Actor } from "../access";
import type { AuditAppender } from "../audit";
import { AppError } from "../errors";
import { signOffReads } from "./page-reads";
import { nextStatus, refusalMessage, type DecisionStatus } from "../lifecycle";
import type { HistoricSignOff } from "../export/import-rows";
import type { ImportSource } from "./import-write";

export type { HistoricSignOff };

export type HistoricWrite = { decisionId: string; row: number; signedOff: HistoricSignOff; at: Date; baseRevision: number };

/** Noon UTC of the day: the same date in Europe/London whatever the season. */
export const historicInstant = (isoDate: string) => new Date(`${isoDate}T12:00:00Z`);

const todayInLondon = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());

/** The lifecycle's rule (awaiting sign-off → signed off) and history's own: a past date, not before the decision. */
export function assertHistoricSignOff(from: DecisionStatus, s: HistoricSignOff, decidedOn: string | null) {
  if (nextStatus(from, "quorum") !== "signed_off") throw new AppError("conflict", refusalMessage(from, "quorum"));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s.on) || s.on >= todayInLondon()) throw new AppError("invalid", "A decision imported as signed off needs a past sign-off date", { fieldErrors: { signedOffOn: "Enter a date in the past" } });
  if (decidedOn && s.on < decidedOn) throw new AppError("invalid", "The sign-off date is before the decision was made", { fieldErrors: { signedOffOn: "Enter a date on or after the date decided" } });
}

/** The audit event, in the chain right after the row's submit event. */
export function appendHistoricSignOff(
  audit: AuditAppender,
  actor: Actor,
  a: { decision: Decision; row: number; signedOff: HistoricSignOff; version: number; contentHash: string; source?: ImportSource },
): HistoricWrite {
  const revision = a.decision.revision + 1; // after the submit
  audit.append(actor, {
    organisationId: a.decision.trustId,
    action: "decision.signed_off",
    entityType: "decision",
    entityId: a.decision.id,
    before: { status: "awaiting_sign_off", revision },
    after: {
      status: "signed_off",
      revision: revision + 1,
      version: a.version,
      contentHash: a.contentHash,
      imported: true,
      signedOffOn: a.signedOff.on,
      meeting: a.signedOff.meeting,
      signedOffBy: a.signedOff.by,
      ...(a.source ? { importedFrom: { file: a.source.file, sheet: a.source.sheet, row: a.row, sha256: a.source.sha256 } } : {}),
    },
  });
  return { decisionId: a.decision.id, row: a.row, signedOff: a.signedOff, at: historicInstant(a.signedOff.on), baseRevision: revision };
}

/** The decisions' status and dates, and the imported_sign_offs rows. */
export async function writeHistoricSignOffs(tx: DbOrTx, actor: Actor, rows: HistoricWrite[], source?: ImportSource) {
  if (!rows.length) return;
  const now = new Date();
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const values = sql.join(
      chunk.map((h) => sql`(${h.decisionId}::uuid, ${h.at.toISOString()}::timestamptz, ${h.baseRevision}::int)`),
      sql`, `,
    );
    const updated = await tx
      .update(decisions)
      .set({ status: "signed_off", signedOffAt: sql`v.at`, submittedAt: sql`v.at`, revision: sql`${decisions.revision} + 1`, updatedAt: now })
      .from(sql`(values ${values}) as v(id, at, base_revision)`)
      .where(sql`${decisions.id} = v.id and ${decisions.revision} = v.base_revision and ${decisions.status} = 'awaiting_sign_off'`)
      .returning({ id: decisions.id });
    // The decisions were created and submitted by this transaction, so none can have moved on.
    if (updated.length !== chunk.length) throw new Error("import: a historic decision changed under the import");
  }
  for (let i = 0; i < rows.length; i += 1000) {
    await tx.insert(importedSignOffs).values(
      rows.slice(i, i + 1000).map((h) => ({
        decisionId: h.decisionId,
        signedOffOn: h.signedOff.on,
        meeting: h.signedOff.meeting,
        signedOffBy: h.signedOff.by,
        fileName: source?.file ?? "",
        sheet: source?.sheet ?? null,
        row: h.row,
        fileSha256: source?.sha256 ?? "",
        importedById: actor.userId,
      })),
    );
  }
}

/** An imported sign-off as the decision page shows it, for someone who may read the decision (else "not found"). */
export async function getImportedSignOff(actor: Actor, decisionId: string) {
  // In the page's one sign-off read, after the request's access-checked load of the decision.
  return (await signOffReads(actor, decisionId)).imported;
}
