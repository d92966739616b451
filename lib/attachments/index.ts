import "server-only";
// Evidence files: on a decision (part of its version content, so a file added after submission makes
// an amendment) and on an outcome assessment (the evidence that a criterion was met). Every function
// takes the actor first and checks access through the decision's read rule: another trust's file is
// "not found".
import { createHash } from "node:crypto";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { attachments, criterionOutcomes, decisionVersions, decisions, users, type Attachment } from "@/db/schema";
import { assertCan, isInsider, type Actor } from "../access";
import { recordAudit } from "../audit";
import { loadReadableDecision, readableDecision, sharedHistory } from "../decisions/access";
import { isUuid } from "../decisions/schemas";
import { bumpRevision, StaleRevision, trustRef } from "../decisions/store";
import { freezeAmendment } from "../decisions/write";
import { AppError } from "../errors";
import { nextStatus, type DecisionStatus } from "../lifecycle";
import { databaseBlobStore, type BlobStore } from "./blob-store";
import { extractText } from "./extract";
import { labelOfType, sniffFile } from "./sniff";

export { FILE_KINDS, labelOfType } from "./sniff";

export const FILE_LIMITS = {
  /** Each file. */
  perFile: 20 * 1024 * 1024,
  /** All the current files of one decision together. */
  perDecision: 100 * 1024 * 1024,
  nameLength: 200,
} as const;

const store: BlobStore = databaseBlobStore;

const notFound = () => new AppError("not_found", "File not found");
const invalid = (message: string) => new AppError("invalid", message, { fieldErrors: { file: message } });

const FileNameSchema = z
  .string()
  .transform((s) => s.split(/[\\/]/).pop()!.trim())
  .pipe(
    z
      .string()
      .min(1, { error: "Select a file" })
      .max(FILE_LIMITS.nameLength, { error: `The file's name must be ${FILE_LIMITS.nameLength} characters or fewer` })
      // eslint-disable-next-line no-control-regex
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { error: "The file's name must not contain control characters" }),
  );

export type FileDto = {
  id: string;
  name: string;
  size: number;
  type: string;
  label: string;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  outcomeId: string | null;
  href: string;
};

/** Checks a file's name, size and content: the type is read from the bytes, never from the name. */
function checkFile(rawName: unknown, bytes: Uint8Array) {
  const name = FileNameSchema.safeParse(rawName);
  if (!name.success) throw invalid(name.error.issues[0].message);
  if (bytes.length === 0) throw invalid("The selected file is empty");
  if (bytes.length > FILE_LIMITS.perFile) {
    throw new AppError("too_large", "The selected file must be smaller than 20 MB", { fieldErrors: { file: "The selected file must be smaller than 20 MB" } });
  }
  const sniffed = sniffFile(name.data, bytes);
  if (!sniffed.ok) throw invalid(sniffed.message);
  return { name: name.data, kind: sniffed.kind, type: sniffed.type, sha256: createHash("sha256").update(bytes).digest("hex") };
}

async function insertFile(tx: DbOrTx, actor: Actor, values: { decisionId: string; outcomeId: string | null; name: string; type: string; sha256: string; textContent: string | null }, bytes: Uint8Array) {
  const [row] = await tx
    .insert(attachments)
    .values({ ...values, size: bytes.length, uploadedById: actor.userId })
    .returning();
  await store.put(tx, row.id, bytes);
  return row;
}

async function currentFilesSize(tx: DbOrTx, decisionId: string): Promise<number> {
  const [{ total }] = await tx
    .select({ total: sql<number>`coalesce(sum(${attachments.size}), 0)::bigint` })
    .from(attachments)
    .where(and(eq(attachments.decisionId, decisionId), isNull(attachments.removedAt)));
  return Number(total);
}

/**
 * Adds or removes one of a decision's own files. On a draft that is an edit; on a decision awaiting
 * sign-off it is an amendment: the files are part of the version content, so a new version is frozen
 * and sign-off re-opens (positions on the old version stay, and count no more).
 */
async function changeDecisionFiles(
  actor: Actor,
  input: { decisionId: string; baseRevision: number },
  change: (tx: DbOrTx, d: typeof decisions.$inferSelect) => Promise<{ fileId: string; name: string; sha256: string; added: boolean }>,
) {
  if (!isUuid(input.decisionId)) throw new AppError("not_found", "Decision not found");
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const { decision: d, trust } = await loadReadableDecision(tx, actor, input.decisionId, { lock: true });
      assertCan(actor, "decision.edit", trustRef(trust), { visible: true });
      const event = d.status === "draft" ? "edit" : "amend";
      const to = nextStatus(d.status as DecisionStatus, event);
      if (!to) {
        throw new AppError("conflict", "Files can be added or removed only while the decision is a draft or awaiting sign-off. Attach evidence to an outcome instead.");
      }
      const updated = await bumpRevision(tx, d, input.baseRevision, {});
      const file = await change(tx, d);
      const what = { fileId: file.fileId, name: file.name, sha256: file.sha256 };
      if (event === "edit") {
        await recordAudit(tx, actor, {
          organisationId: trust.id,
          action: file.added ? "decision.file_added" : "decision.file_removed",
          entityType: "decision",
          entityId: d.id,
          after: { revision: updated.revision, changed: ["attachments"], ...what },
        });
        return { decisionId: d.id, revision: updated.revision, version: d.version, fileId: file.fileId };
      }
      const frozen = await freezeAmendment(tx, actor, {
        decision: d,
        updated,
        trust,
        status: to,
        before: {},
        after: { changed: ["attachments"], [file.added ? "fileAdded" : "fileRemoved"]: what },
      });
      return { decisionId: d.id, revision: frozen.revision, version: frozen.version, fileId: file.fileId };
    });
  } catch (e) {
    if (e instanceof StaleRevision) {
      throw new AppError("conflict", "Someone changed this decision since you opened the page. Check its files and try again.");
    }
    throw e;
  }
}

/** The Chief Executive adds a file to a draft, or to a decision awaiting sign-off (an amendment). */
export async function addDecisionFile(actor: Actor, input: { decisionId: string; baseRevision: number; name: unknown; bytes: Uint8Array }) {
  const file = checkFile(input.name, input.bytes);
  const textContent = await extractText(file.kind, input.bytes);
  return changeDecisionFiles(actor, input, async (tx, d) => {
    const [same] = await tx
      .select({ name: attachments.name })
      .from(attachments)
      .where(and(eq(attachments.decisionId, d.id), isNull(attachments.outcomeId), isNull(attachments.removedAt), eq(attachments.sha256, file.sha256)));
    if (same) throw invalid(`This file is already attached, as ${same.name}`);
    if ((await currentFilesSize(tx, d.id)) + input.bytes.length > FILE_LIMITS.perDecision) {
      throw new AppError("too_large", "A decision's files must add up to less than 100 MB: remove a file first", {
        fieldErrors: { file: "A decision's files must add up to less than 100 MB: remove a file first" },
      });
    }
    const row = await insertFile(tx, actor, { decisionId: d.id, outcomeId: null, name: file.name, type: file.type, sha256: file.sha256, textContent }, input.bytes);
    return { fileId: row.id, name: row.name, sha256: row.sha256, added: true };
  });
}

/** The Chief Executive removes a file from a draft, or from a decision awaiting sign-off (an amendment). */
export async function removeDecisionFile(actor: Actor, input: { decisionId: string; baseRevision: number; fileId: string }) {
  if (!isUuid(input.fileId)) throw notFound();
  return changeDecisionFiles(actor, input, async (tx, d) => {
    const [row] = await tx
      .update(attachments)
      .set({ removedAt: new Date() })
      .where(and(eq(attachments.id, input.fileId), eq(attachments.decisionId, d.id), isNull(attachments.outcomeId), isNull(attachments.removedAt)))
      .returning();
    if (!row) throw notFound();
    return { fileId: row.id, name: row.name, sha256: row.sha256, added: false };
  });
}

/** Whoever may record outcomes (the Chief Executive, the Chair) attaches evidence to an assessment. */
export async function addOutcomeFile(actor: Actor, input: { outcomeId: string; name: unknown; bytes: Uint8Array }) {
  if (!isUuid(input.outcomeId)) throw new AppError("not_found", "Outcome not found");
  const file = checkFile(input.name, input.bytes);
  const textContent = await extractText(file.kind, input.bytes);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [outcome] = await tx.select().from(criterionOutcomes).where(eq(criterionOutcomes.id, input.outcomeId));
    if (!outcome) throw new AppError("not_found", "Outcome not found");
    const { decision: d, trust } = await loadReadableDecision(tx, actor, outcome.decisionId, { lock: true });
    assertCan(actor, "outcome.record", trustRef(trust), { visible: true });
    const [{ total }] = await tx
      .select({ total: sql<number>`coalesce(sum(${attachments.size}), 0)::bigint` })
      .from(attachments)
      .where(eq(attachments.outcomeId, outcome.id));
    if (Number(total) + input.bytes.length > FILE_LIMITS.perDecision) {
      throw new AppError("too_large", "An assessment's files must add up to less than 100 MB", { fieldErrors: { file: "An assessment's files must add up to less than 100 MB" } });
    }
    const row = await insertFile(tx, actor, { decisionId: d.id, outcomeId: outcome.id, name: file.name, type: file.type, sha256: file.sha256, textContent }, input.bytes);
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "outcome.evidence_added",
      entityType: "criterion",
      entityId: outcome.criterionId,
      after: { outcomeId: outcome.id, decisionId: d.id, fileId: row.id, name: row.name, size: row.size, type: row.type, sha256: row.sha256 },
    });
    return { fileId: row.id, decisionId: d.id };
  });
}

function toDto(a: Attachment & { uploadedBy: string }): FileDto {
  return {
    id: a.id,
    name: a.name,
    size: a.size,
    type: a.type,
    label: labelOfType(a.type),
    sha256: a.sha256,
    uploadedBy: a.uploadedBy,
    uploadedAt: a.createdAt,
    outcomeId: a.outcomeId,
    href: `/files/${a.id}`,
  };
}

/**
 * A decision's current files and its outcomes' evidence, for a reader of the decision. A reader who
 * sees only the shared history sees the files of the current version only when it is shared.
 */
export async function listDecisionFiles(actor: Actor, decisionId: string): Promise<{ decisionFiles: FileDto[]; outcomeFiles: FileDto[] }> {
  const { decision } = await readableDecision(actor, decisionId);
  const db = await getDb();
  const rows = await db
    .select({ a: attachments, uploadedBy: users.name })
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedById))
    .where(and(eq(attachments.decisionId, decision.id), isNull(attachments.removedAt)))
    .orderBy(asc(attachments.createdAt), asc(attachments.id));
  const history = await sharedHistory(actor, decision);
  const currentVisible = decision.version === 0 || history.version(decision.version);
  const all = rows.map((r) => toDto({ ...r.a, uploadedBy: r.uploadedBy }));
  return {
    decisionFiles: currentVisible ? all.filter((f) => !f.outcomeId) : [],
    outcomeFiles: all.filter((f) => f.outcomeId),
  };
}

/**
 * One file to download, if the actor may read it: it belongs to a decision they may read, and — for
 * someone who sees only a decision's shared history — a version they may see names it (or it is an
 * outcome's evidence). Anything else is "not found".
 */
export async function openFile(actor: Actor, fileId: string, opts: { db?: DbOrTx } = {}) {
  if (!isUuid(fileId)) throw notFound();
  const db = opts.db ?? (await getDb());
  const [file] = await db.select().from(attachments).where(eq(attachments.id, fileId));
  if (!file) throw notFound();
  let decision: typeof decisions.$inferSelect;
  try {
    decision = (await loadReadableDecision(db, actor, file.decisionId)).decision;
  } catch (e) {
    if (e instanceof AppError && e.code === "not_found") throw notFound();
    throw e;
  }
  if (!file.outcomeId && !isInsider(actor, decision.trustId)) {
    const history = await sharedHistory(actor, decision);
    const versions = await db
      .select({ version: decisionVersions.version })
      .from(decisionVersions)
      .where(
        and(
          eq(decisionVersions.decisionId, decision.id),
          sql`${decisionVersions.content}->'attachments' @> ${JSON.stringify([{ sha256: file.sha256, name: file.name }])}::jsonb`,
        ),
      );
    if (!versions.some((v) => history.version(v.version))) throw notFound();
  }
  return { name: file.name, size: file.size, type: file.type, sha256: file.sha256, chunks: store.read(db, file.id, file.size) };
}
