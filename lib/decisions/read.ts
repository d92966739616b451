import "server-only";
// Reading one decision: the page's DTO, its versions and their differences, and its audit timeline.
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { auditEvents, decisionVersions, organisations, successCriteria, users } from "@/db/schema";
import { assertCan, can, chiefExecutiveTrustIds, isInsider, type Actor } from "../access";
import { AppError } from "../errors";
import { memoised } from "../request-memo";
import { readableDecision, sharedHistory } from "./access";
import type { VersionContent } from "./content";
import { hashVersionContent } from "./content";
import { diffContent, type ComparableContent, type FieldChange } from "./diff";
import { contentFromParts, contentPartsColumns, linkableOrganisations, trustRef } from "./store";
import { writePermissions } from "./write";
import { appetiteInForce } from "../risk-appetite";
import { compareWithAppetite, type RiskAppetiteContent } from "../risk-appetite/taxonomy";

export type DecisionDto = Awaited<ReturnType<typeof loadDecisionDto>>;

/** Everything about a decision the actor may read; "not found" otherwise. Loaded once per request (a page's metadata and body share it). */
export function getDecision(actor: Actor, id: string): Promise<DecisionDto> {
  return memoised(actor, `decision-dto:${id}`, () => loadDecisionDto(actor, id));
}

async function loadDecisionDto(actor: Actor, id: string) {
  const db = await getDb();
  const { decision: d, trust } = await readableDecision(actor, id);
  // The content's parts, the author's name, the ICS and the versions in one statement (statements per page, issue 16).
  type VersionRow = { version: number; contentHash: string; createdAt: string | Date; createdBy: string; riskAppetite: VersionContent["riskAppetite"] | null };
  const [names] = await db
    .select({
      ...contentPartsColumns(d),
      author: sql<string | null>`(select ${users.name} from ${users} where ${users.id} = ${d.authorId})`,
      icsOds: sql<string | null>`(select ${organisations.ods} from ${organisations} where ${organisations.id} = ${trust.icsId})`,
      icsName: sql<string | null>`(select ${organisations.name} from ${organisations} where ${organisations.id} = ${trust.icsId})`,
      versions: sql<VersionRow[] | string>`coalesce((select json_agg(json_build_object('version', v.version, 'contentHash', v.content_hash,
          'createdAt', v.created_at, 'createdBy', u.name, 'riskAppetite', v.content->'riskAppetite') order by v.version desc)
        from ${decisionVersions} v join ${users} u on u.id = v.created_by_id where v.decision_id = ${d.id}), '[]'::json)`,
    })
    .from(sql`(select 1) as one`);
  const content = contentFromParts(d, names);
  const versionRows: VersionRow[] = typeof names.versions === "string" ? JSON.parse(names.versions) : names.versions;
  const versions = versionRows.map((v) => ({ version: v.version, contentHash: v.contentHash, createdAt: new Date(v.createdAt), createdBy: v.createdBy, riskAppetite: v.riskAppetite ?? null }));
  const author = names?.author != null ? { id: d.authorId, name: names.author } : undefined;
  const ics = names?.icsOds != null ? [{ ods: names.icsOds, name: names.icsName ?? "" }] : [];
  const perms = writePermissions(actor, { status: d.status, trustId: d.trustId, icsId: trust.icsId });
  const currentVersion = versions.find((v) => v.version === d.version);
  const history = await sharedHistory(actor, d);
  return {
    id: d.id,
    trust: { id: trust.id, ods: trust.ods, name: trust.name, icsId: trust.icsId, ics: ics[0] ?? null },
    author: author ?? { id: d.authorId, name: "Unknown" },
    ...content,
    status: d.status,
    version: d.version,
    revision: d.revision,
    contentHash: d.contentHash,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    submittedAt: d.submittedAt,
    frozenAt: currentVersion?.createdAt ?? null,
    withdrawnAt: d.withdrawnAt,
    withdrawReason: d.withdrawReason,
    declinedAt: d.declinedAt,
    declineReason: d.declineReason,
    signedOffAt: d.signedOffAt,
    reviewedAt: d.reviewedAt,
    // Chair's action (issue 14): urgency, and ratification at the next board meeting.
    urgent: d.urgent,
    urgentReason: d.urgentReason,
    ratification: d.ratification,
    chairsActionAt: d.chairsActionAt,
    ratificationDecidedAt: d.ratificationDecidedAt,
    /** `restricted`: a version for the trust board only, which this reader (an ICS lead) may not open. */
    versions: versions.map(({ riskAppetite: _, ...v }) => ({ ...v, restricted: !history.version(v.version) })),
    /**
     * The risks as compared with the board's appetite: the current version's (frozen when it was
     * submitted or amended: statement version and domains outside appetite), or a draft's, not yet compared.
     */
    riskAppetite: (d.version > 0 ? currentVersion?.riskAppetite : content.riskAppetite) ?? undefined,
    outsideAppetite: d.outsideAppetite,
    permissions: {
      ...perms,
      canComment: can(actor, "decision.comment", trustRef(trust)),
    },
  };
}

/**
 * The draft's risks compared with the board's appetite in force now (the same rule as submitting):
 * what "Check before you submit" says. Only for those who may submit it ("not found" otherwise); null
 * when the draft records no risks.
 */
export async function previewAppetiteCheck(actor: Actor, id: string): Promise<RiskAppetiteContent | null> {
  const d = await getDecision(actor, id);
  if (!d.permissions.canSubmit) throw new AppError("not_found", "Decision not found");
  if (!d.riskAppetite?.risks.length) return null;
  return compareWithAppetite(d.riskAppetite.risks, await appetiteInForce(await getDb(), d.trust.id));
}

/** One frozen version exactly as stored, with its hash recomputed from the stored content. */
export async function getDecisionVersion(actor: Actor, id: string, version: number) {
  const db = await getDb();
  const { decision: d } = await readableDecision(actor, id);
  if (!Number.isInteger(version) || version < 1) throw new AppError("not_found", "Version not found");
  const [row] = await db
    .select({ version: decisionVersions.version, content: decisionVersions.content, contentHash: decisionVersions.contentHash, createdAt: decisionVersions.createdAt, createdBy: users.name })
    .from(decisionVersions)
    .innerJoin(users, eq(users.id, decisionVersions.createdById))
    .where(and(eq(decisionVersions.decisionId, d.id), eq(decisionVersions.version, version)));
  if (!row) throw new AppError("not_found", "Version not found");
  const content = row.content as VersionContent;
  // Someone who reads the decision only because it is now shared with the ICS may not read a version
  // that was for the trust board only.
  if (!isInsider(actor, d.trustId) && content.visibility !== "system") throw new AppError("not_found", "Version not found");
  const recomputedHash = hashVersionContent(content);
  return { ...row, content, recomputedHash, hashMatches: recomputedHash === row.contentHash, latestVersion: d.version, title: d.title };
}

/**
 * What changed from version `from` to version `to` (default: the one before `to`). `changes` is null
 * when the reader may open `to` but not `from` (a version for the trust board only).
 */
export async function diffVersions(actor: Actor, id: string, to: number, from = to - 1): Promise<{ from: number; to: number; changes: FieldChange[] | null }> {
  const b = await getDecisionVersion(actor, id, to);
  if (from < 1) return { from: 0, to, changes: diffContent(emptyContent(), b.content) };
  const { decision: d } = await readableDecision(actor, id);
  if (from <= b.latestVersion && !(await sharedHistory(actor, d)).version(from)) return { from, to, changes: null };
  const a = await getDecisionVersion(actor, id, from);
  return { from, to, changes: diffContent(a.content, b.content) };
}

function emptyContent(): ComparableContent {
  return {
    title: "",
    summary: "",
    context: { financialPosition: null, financialAmountM: null, regulatorRating: "", notes: "" },
    options: "",
    rationale: "",
    favoured: null,
    category: null,
    factors: [],
    impactOnTrust: { amountK: null, text: "" },
    impactOnSystem: { amountK: null, text: "" },
    organisations: [],
    decidedOn: null,
    visibility: "trust",
    criteria: [],
  };
}

export type TimelineEvent = {
  seq: number;
  action: string;
  at: string;
  by: string | null;
  hash: string;
  prevHash: string;
  /** Only what the timeline says: never the content an event recorded (drafts, comment bodies). */
  after: { changed?: string[]; version?: number; reason?: string; contentHash?: string; status?: string; position?: string; outcome?: string; ratification?: string; urgentReason?: string; note?: string };
};

const TIMELINE_FIELDS = ["changed", "version", "reason", "contentHash", "status", "position", "outcome", "ratification", "urgentReason", "note"] as const;

/** The decision's audit events, oldest first (who did what when), for anyone who may read it. */
export async function listDecisionTimeline(actor: Actor, id: string): Promise<TimelineEvent[]> {
  const db = await getDb();
  const { decision: d } = await readableDecision(actor, id);
  const rows = await db
    .select({
      seq: auditEvents.seq,
      action: auditEvents.action,
      at: auditEvents.createdAt,
      by: users.name,
      hash: auditEvents.hash,
      prevHash: auditEvents.prevHash,
      after: auditEvents.after,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    // The decision's own events, and those of its positions and outcomes (which name it in `after`).
    .where(
      and(
        eq(auditEvents.organisationId, d.trustId),
        or(and(eq(auditEvents.entityType, "decision"), eq(auditEvents.entityId, d.id)), sql`${auditEvents.after}->>'decisionId' = ${d.id}`),
      ),
    )
    .orderBy(asc(auditEvents.id));
  const history = await sharedHistory(actor, d);
  return rows.filter((r) => history.seq(r.seq)).map((r) => {
    const after = (r.after ?? {}) as Record<string, unknown>;
    const picked = Object.fromEntries(TIMELINE_FIELDS.filter((k) => after[k] !== undefined).map((k) => [k, after[k]]));
    return { ...r, after: picked as TimelineEvent["after"] };
  });
}

/** The trusts the actor may record decisions for, with the organisations each may name. */
export async function listDecisionFormOptions(actor: Actor, trustId?: string) {
  const db = await getDb();
  const ids = chiefExecutiveTrustIds(actor);
  const id = trustId ?? ids[0];
  if (!id) throw new AppError("not_found", "Page not found");
  const [trust] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!trust) throw new AppError("not_found", "Page not found");
  assertCan(actor, "decision.create", trustRef(trust));
  const trusts = ids.length > 1 ? await db.select({ id: organisations.id, ods: organisations.ods, name: organisations.name }).from(organisations).where(eq(organisations.kind, "trust")) : [];
  return {
    trust: { id: trust.id, ods: trust.ods, name: trust.name },
    trusts: trusts.filter((t) => ids.includes(t.id)),
    organisations: await linkableOrganisations(db, trust),
  };
}

/** Criteria still in force (not removed by an amendment), for other modules (outcomes). */
export async function listCurrentCriteria(actor: Actor, decisionId: string) {
  const db = await getDb();
  const { decision: d } = await readableDecision(actor, decisionId);
  return db
    .select()
    .from(successCriteria)
    .where(and(eq(successCriteria.decisionId, d.id), isNull(successCriteria.removedAt)))
    .orderBy(asc(successCriteria.ordinal));
}
