import "server-only";
// Recording a decision: create, edit a draft, submit, amend, withdraw. Each write is one transaction
// with its audit event; each edit carries the revision it was based on and is refused if stale.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import { getDb, type DbOrTx } from "@/db/client";
import { auditEvents, decisions, organisations, users, type Decision, type Organisation } from "@/db/schema";
import { assertCan, can, chiefExecutiveTrustIds, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { notifyDecision } from "../notifications/events";
import { extractWordPairs } from "../dashboards/word-pairs-store";
import { formatDateTime } from "../format";
import { nextStatus, refusalMessage, type DecisionStatus } from "../lifecycle";
import { parseInput } from "../validation";
import { loadReadableDecision } from "./access";
import { changedFieldNames, diffContent, type FieldChange } from "./diff";
import {
  CreateDecisionSchema,
  SubmitDecisionSchema,
  UpdateDecisionSchema,
  WithdrawDecisionSchema,
  submitProblems,
  type DecisionInput,
} from "./schemas";
import {
  StaleRevision,
  bumpRevision,
  columnsFrom,
  contentFromInput,
  freezeVersion,
  readContent,
  resolveParts,
  trustRef,
  writeParts,
} from "./store";

export type WriteResult = { id: string; revision: number; version: number; status: DecisionStatus; contentHash: string | null };

const result = (d: typeof decisions.$inferSelect): WriteResult => ({
  id: d.id,
  revision: d.revision,
  version: d.version,
  status: d.status,
  contentHash: d.contentHash,
});

/** Records a new draft for a trust the actor is Chief Executive of. */
export async function createDecision(actor: Actor, raw: unknown): Promise<WriteResult> {
  const db = await getDb();
  return db.transaction((tx) => createDecisionInTx(tx, actor, raw));
}

/**
 * Who a write inside an import acts for. An administrator imports on behalf of a trust's Chief
 * Executive: access is checked as that Chief Executive (who becomes the author), the audit event
 * names the administrator who did it.
 */
export type OnBehalfOf = { onBehalfOf?: Actor };

/**
 * createDecision inside the caller's transaction. The CSV import writes the same as this and
 * submitDecisionInTx for many rows at once (import-write.ts): a change to what either writes or
 * checks belongs there too, and the import's tests compare the two.
 */
export async function createDecisionInTx(tx: DbOrTx, actor: Actor, raw: unknown, opts: OnBehalfOf = {}): Promise<WriteResult> {
  const input = parseInput(CreateDecisionSchema, raw);
  const author = opts.onBehalfOf ?? actor;
  if (author !== actor) assertCan(actor, "decision.import");
  const trustIds = chiefExecutiveTrustIds(author);
  const [trust] = input.trust
    ? await tx.select().from(organisations).where(and(eq(organisations.ods, input.trust), eq(organisations.kind, "trust")))
    : trustIds.length === 1
      ? await tx.select().from(organisations).where(eq(organisations.id, trustIds[0]))
      : [];
  if (!trust) {
    if (!input.trust && trustIds.length > 1) {
      throw new AppError("invalid", "Some answers need correcting", { fieldErrors: { trust: "Choose the trust this decision belongs to" } });
    }
    throw new AppError("not_found", "Trust not found");
  }
  assertCan(author, "decision.create", trustRef(trust), { what: "Trust" });
  const { orgs, existingIds } = await resolveParts(tx, trust, input, null);
  const [d] = await tx
    .insert(decisions)
    .values({ trustId: trust.id, authorId: author.userId, ...columnsFrom(input) })
    .returning();
  await writeParts(tx, d.id, input, orgs, existingIds, false);
  const content = await readContent(tx, d);
  await recordAudit(tx, actor, {
    organisationId: trust.id,
    action: "decision.create",
    entityType: "decision",
    entityId: d.id,
    after: { revision: d.revision, status: d.status, content, ...(author !== actor ? { onBehalfOf: author.userId } : {}) },
  });
  return result(d);
}

/**
 * Saves an edit. On a draft it replaces the draft. On a decision awaiting sign-off it is an
 * amendment: the content is frozen as version N+1 with a new hash and sign-off starts again.
 * Refused ("conflict") when someone saved since `baseRevision`; the refusal is audited too.
 */
export async function updateDecision(actor: Actor, raw: unknown): Promise<WriteResult> {
  const input = parseInput(UpdateDecisionSchema, raw);
  const db = await getDb();
  return withStaleAudit(db, actor, "edit", input.id, async (tx) => {
    const { decision: d, trust } = await loadReadableDecision(tx, actor, input.id, { lock: true });
    assertCan(actor, "decision.edit", trustRef(trust), { visible: true });
    const event = d.status === "draft" ? "edit" : "amend";
    const to = nextStatus(d.status, event);
    if (!to) throw new AppError("conflict", refusalMessage(d.status, event));
    const { orgs, existingIds } = await resolveParts(tx, trust, input, d.id);
    if (d.revision !== input.baseRevision) {
      throw await staleError(tx, d, input.baseRevision, contentFromInput(input, new Map(orgs.map((o) => [o.ods, o.name]))));
    }
    if (event === "amend") {
      const problems = submitProblems(input);
      if (Object.keys(problems).length) throw new AppError("invalid", "Some answers need correcting", { fieldErrors: problems });
    }
    const before = await readContent(tx, d);
    // Files are added and removed on their own page (lib/attachments), never by this form.
    const mine = { ...contentFromInput(input, new Map(orgs.map((o) => [o.ods, o.name]))), ...(before.attachments ? { attachments: before.attachments } : {}) };
    // Criteria ids of new rows are not known yet; compare them by position and text only.
    const changed = changedFieldNames(normaliseIds(before), normaliseIds(mine));
    if (!changed.length) {
      if (event === "amend") throw new AppError("invalid", "Nothing has changed, so there is no new version to submit", { fieldErrors: { _form: "Nothing has changed, so there is no new version to submit" } });
      return result(d);
    }
    const updated = await bumpRevision(tx, d, input.baseRevision, columnsFrom(input));
    await writeParts(tx, d.id, input, orgs, existingIds, d.version > 0);
    const after = await readContent(tx, updated);
    if (event === "edit") {
      await recordAudit(tx, actor, {
        organisationId: trust.id,
        action: "decision.edit",
        entityType: "decision",
        entityId: d.id,
        before: pick(before, changed),
        after: { revision: updated.revision, changed, ...pick(after, changed) },
      });
      return result(updated);
    }
    const frozen = await freezeAmendment(tx, actor, { decision: d, updated, trust, status: to, before: pick(before, changed), after: { changed, ...pick(after, changed) } });
    return result(frozen);
  });
}

/**
 * An amendment, in the caller's transaction, once its parts are written (`updated` is the decision row
 * after its revision was bumped): freezes version N+1, re-opens sign-off, audits `decision.amend` with
 * what changed, and tells the board. The one way a submitted decision gets a new version: the form's
 * amendments and a file added or removed (lib/attachments).
 */
export async function freezeAmendment(
  tx: DbOrTx,
  actor: Actor,
  a: { decision: Decision; updated: Decision; trust: Organisation; status: DecisionStatus; before: Record<string, unknown>; after: Record<string, unknown> },
): Promise<Decision> {
  const { decision: d, trust } = a;
  const version = d.version + 1;
  const { contentHash, outsideAppetite } = await freezeVersion(tx, actor, a.updated, trust, version);
  const [frozen] = await tx.update(decisions).set({ version, contentHash, outsideAppetite, status: a.status, submittedAt: new Date() }).where(eq(decisions.id, d.id)).returning();
  await extractWordPairs(tx, [d.id]);
  await recordAudit(tx, actor, {
    organisationId: trust.id,
    action: "decision.amend",
    entityType: "decision",
    entityId: d.id,
    before: { version: d.version, contentHash: d.contentHash, ...a.before },
    after: { revision: frozen.revision, version, contentHash, status: a.status, ...(outsideAppetite ? { outsideAppetite } : {}), ...a.after },
  });
  await notifyDecision(tx, "amended", d.id, actor.userId);
  return frozen;
}

/** Freezes a draft and its criteria as version 1 (or the next version) and asks the board to sign it off. */
export async function submitDecision(actor: Actor, raw: unknown): Promise<WriteResult> {
  const input = parseInput(SubmitDecisionSchema, raw);
  const db = await getDb();
  return withStaleAudit(db, actor, "submit", input.id, (tx) => submitDecisionInTx(tx, actor, input));
}

/**
 * submitDecision inside the caller's transaction. A stale revision throws StaleRevision (the caller's
 * transaction rolls back; submitDecision turns it into an audited "conflict").
 */
export async function submitDecisionInTx(tx: DbOrTx, actor: Actor, raw: unknown, opts: OnBehalfOf = {}): Promise<WriteResult> {
  const input = parseInput(SubmitDecisionSchema, raw);
  const author = opts.onBehalfOf ?? actor;
  if (author !== actor) assertCan(actor, "decision.import");
  const { decision: d, trust } = await loadReadableDecision(tx, author, input.id, { lock: true });
  assertCan(author, "decision.submit", trustRef(trust), { visible: true });
  const to = nextStatus(d.status, "submit");
  if (!to) throw new AppError("conflict", refusalMessage(d.status, "submit"));
  if (d.revision !== input.baseRevision) throw await staleError(tx, d, input.baseRevision, null);
  const content = await readContent(tx, d);
  const problems = submitProblems({ ...content, category: content.category });
  if (Object.keys(problems).length) {
    throw new AppError("invalid", "The decision is not ready to submit for sign-off", { fieldErrors: problems });
  }
  const version = d.version + 1;
  const { contentHash, outsideAppetite } = await freezeVersion(tx, actor, d, trust, version);
  const updated = await bumpRevision(tx, d, input.baseRevision, { status: to, version, contentHash, outsideAppetite, submittedAt: new Date() });
  await extractWordPairs(tx, [d.id]);
  await recordAudit(tx, actor, {
    organisationId: trust.id,
    action: "decision.submit",
    entityType: "decision",
    entityId: d.id,
    before: { status: d.status, version: d.version },
    after: { revision: updated.revision, status: to, version, contentHash, ...(outsideAppetite ? { outsideAppetite } : {}), ...(author !== actor ? { onBehalfOf: author.userId } : {}) },
  });
  await notifyDecision(tx, "submitted", d.id, actor.userId);
  return result(updated);
}

/** Withdraws a draft or a decision awaiting sign-off, with the reason. */
export async function withdrawDecision(actor: Actor, raw: unknown): Promise<WriteResult> {
  const input = parseInput(WithdrawDecisionSchema, raw);
  const db = await getDb();
  return withStaleAudit(db, actor, "withdraw", input.id, async (tx) => {
    const { decision: d, trust } = await loadReadableDecision(tx, actor, input.id, { lock: true });
    assertCan(actor, "decision.withdraw", trustRef(trust), { visible: true });
    const to = nextStatus(d.status, "withdraw");
    if (!to) throw new AppError("conflict", refusalMessage(d.status, "withdraw"));
    if (d.revision !== input.baseRevision) throw await staleError(tx, d, input.baseRevision, null);
    const updated = await bumpRevision(tx, d, input.baseRevision, { status: to, withdrawnAt: new Date(), withdrawReason: input.reason });
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "decision.withdraw",
      entityType: "decision",
      entityId: d.id,
      before: { status: d.status },
      after: { revision: updated.revision, status: to, reason: input.reason },
    });
    await notifyDecision(tx, "withdrawn", d.id, actor.userId);
    return result(updated);
  });
}

/** Whether the actor may change this decision now, and how (for pages and the API). */
export function writePermissions(actor: Actor, d: { status: DecisionStatus; trustId: string; icsId: string | null }) {
  const org = { id: d.trustId, kind: "trust" as const, icsId: d.icsId };
  return {
    canEdit: d.status === "draft" && can(actor, "decision.edit", org),
    canAmend: d.status === "awaiting_sign_off" && can(actor, "decision.edit", org),
    canSubmit: d.status === "draft" && can(actor, "decision.submit", org),
    canWithdraw: !!nextStatus(d.status, "withdraw") && can(actor, "decision.withdraw", org),
  };
}

// ---------------------------------------------------------------- conflicts

export type StaleDetails = {
  currentRevision: number;
  /** Who saved since the edit's base revision, and what. */
  changes: { by: string; at: string; action: string; fields: string[] }[];
  /** Saved now ("before") against what the person sent ("after"), when they sent content. */
  differences: FieldChange[];
};

async function staleError(tx: DbOrTx, d: typeof decisions.$inferSelect, baseRevision: number, mine: ReturnType<typeof contentFromInput> | null) {
  const events = await tx
    .select({ action: auditEvents.action, at: auditEvents.createdAt, after: auditEvents.after, by: users.name })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(
      and(
        eq(auditEvents.entityType, "decision"),
        eq(auditEvents.entityId, d.id),
        gt(sql`coalesce((${auditEvents.after}->>'revision')::int, 0)`, baseRevision),
      ),
    )
    .orderBy(asc(auditEvents.id));
  const details: StaleDetails = {
    currentRevision: d.revision,
    changes: events.map((e) => ({
      by: e.by ?? "Someone",
      at: e.at,
      action: e.action,
      fields: ((e.after as { changed?: string[] } | null)?.changed ?? []).slice(),
    })),
    differences: mine ? diffContent(normaliseIds(await readContent(tx, d)), normaliseIds(mine)) : [],
  };
  return new StaleRevision(d.id, baseRevision, details);
}

function staleMessage(details: StaleDetails) {
  const last = details.changes.at(-1);
  const who = last ? `${last.by} saved this decision on ${formatDateTime(last.at)}` : "Someone saved this decision";
  return `${who}, after you opened it. Nothing you sent has been saved, and nothing was overwritten. Check the differences, then start again from the latest version.`;
}

/**
 * Runs the write; if it turns out stale, records the refusal in its own transaction (the write's was
 * rolled back) and throws "conflict" with what changed.
 */
async function withStaleAudit<T>(db: Awaited<ReturnType<typeof getDb>>, actor: Actor, op: string, id: string, fn: (tx: DbOrTx) => Promise<T>): Promise<T> {
  try {
    return await db.transaction(fn);
  } catch (e) {
    if (!(e instanceof StaleRevision)) throw e;
    const details = e.details as StaleDetails;
    await db.transaction(async (tx) => {
      const [d] = await tx.select({ trustId: decisions.trustId }).from(decisions).where(eq(decisions.id, id));
      await recordAudit(tx, actor, {
        organisationId: d.trustId,
        action: `decision.${op}_refused`,
        entityType: "decision",
        entityId: id,
        after: { reason: "stale", baseRevision: e.baseRevision, currentRevision: details.currentRevision },
      });
    });
    throw new AppError("conflict", staleMessage(details), { details });
  }
}

// ---------------------------------------------------------------- helpers

function normaliseIds<C extends { criteria: { id: string }[] }>(c: C): C {
  return { ...c, criteria: c.criteria.map((x, i) => ({ ...x, id: `#${i}` })) };
}

function pick(c: Record<string, unknown>, fields: string[]) {
  return Object.fromEntries(fields.map((f) => [f, c[f]]));
}

export type { DecisionInput };
