import "server-only";
// A trust board's risk appetite statement (issue 14): read by the trust's insiders (Chief Executive,
// board, Company Secretary) and administrators, set by the Chair, the Company Secretary or an
// administrator. Every change inserts the next dated version (never an update) with its audit event, in
// one transaction; the version in force is the trust's highest. Anyone else gets "not found".
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { getDb, type DbOrTx } from "@/db/client";
import { organisations, riskAppetiteLevels, riskAppetiteStatements, users, type Organisation } from "@/db/schema";
import { can, isAdmin, isInsider, type Actor } from "../access";
import { recordAudit } from "../audit";
import { AppError } from "../errors";
import { parseInput, text } from "../validation";
import { RISK_DOMAINS, RISK_DOMAIN_LABELS, RISK_LEVELS, type RiskDomain, type RiskLevel } from "./taxonomy";

export * from "./taxonomy";

export const RISK_LIMITS = { statement: 1000, note: 1000, reason: 1000 } as const;

const notFound = () => new AppError("not_found", "Page not found");

/**
 * The statement as a form or the API gives it: for each domain a level and a sentence. A domain may be
 * left blank (no appetite stated for it); a level without a sentence, or a sentence without a level,
 * is refused naming the field.
 */
const domainEntry = (d: RiskDomain) =>
  z
    .object({
      level: z.preprocess(
        (v) => (v === "" || v === undefined ? null : v),
        z.enum(RISK_LEVELS, { error: `Choose the board's appetite for ${RISK_DOMAIN_LABELS[d].toLowerCase()} from the scale` }).nullable(),
      ),
      statement: z.preprocess((v) => (v === null || v === undefined ? "" : v), text(`the statement for ${RISK_DOMAIN_LABELS[d].toLowerCase()}`, RISK_LIMITS.statement)),
    })
    .default({ level: null, statement: "" });

export const SetRiskAppetiteSchema = z
  .object({
    domains: z.object(Object.fromEntries(RISK_DOMAINS.map((d) => [d, domainEntry(d)])) as unknown as Record<RiskDomain, ReturnType<typeof domainEntry>>),
    note: z.preprocess((v) => (v === null || v === undefined ? "" : v), text("the reason for the change", RISK_LIMITS.note)),
    /** The version the person started from (0 when there was none): a change made in between is refused. */
    baseVersion: z.coerce.number({ error: "The version you edited is missing; reload the page" }).int().min(0),
  })
  .superRefine((v, ctx) => {
    let any = false;
    for (const d of RISK_DOMAINS) {
      const e = v.domains[d];
      if (e.level && !e.statement) ctx.addIssue({ code: "custom", path: ["domains", d, "statement"], message: `Enter the statement for ${RISK_DOMAIN_LABELS[d].toLowerCase()}` });
      if (!e.level && e.statement) ctx.addIssue({ code: "custom", path: ["domains", d, "level"], message: `Choose the board's appetite for ${RISK_DOMAIN_LABELS[d].toLowerCase()}` });
      if (e.level) any = true;
    }
    if (!any) ctx.addIssue({ code: "custom", path: ["domains", RISK_DOMAINS[0], "level"], message: "Choose the board's appetite for at least one domain" });
  });
export type SetRiskAppetiteInput = z.input<typeof SetRiskAppetiteSchema>;

export type AppetiteLevel = { domain: RiskDomain; level: RiskLevel; statement: string };
export type AppetiteVersion = { version: number; createdAt: Date; createdBy: string; note: string; levels: AppetiteLevel[] };
export type RiskAppetiteView = {
  trust: { id: string; ods: string; name: string };
  current: AppetiteVersion | null;
  canSet: boolean;
};

async function trustByOds(db: DbOrTx, ods: string): Promise<Organisation> {
  const code = typeof ods === "string" ? ods.trim().toUpperCase() : "";
  if (!/^[A-Z0-9]{2,12}$/.test(code)) throw notFound();
  const [trust] = await db.select().from(organisations).where(and(eq(organisations.ods, code), eq(organisations.kind, "trust")));
  if (!trust) throw notFound();
  return trust;
}

/** May read the trust's statement: its insiders and administrators. */
function mayRead(actor: Actor, trust: Organisation) {
  return isInsider(actor, trust.id) || isAdmin(actor);
}
function maySet(actor: Actor, trust: Organisation) {
  return can(actor, "risk_appetite.set", { id: trust.id, kind: trust.kind, icsId: trust.icsId });
}

async function loadVersions(db: DbOrTx, trustId: string, only?: number): Promise<AppetiteVersion[]> {
  const rows = await db
    .select({ id: riskAppetiteStatements.id, version: riskAppetiteStatements.version, createdAt: riskAppetiteStatements.createdAt, note: riskAppetiteStatements.note, createdBy: users.name })
    .from(riskAppetiteStatements)
    .innerJoin(users, eq(users.id, riskAppetiteStatements.createdById))
    .where(and(eq(riskAppetiteStatements.trustId, trustId), only !== undefined ? eq(riskAppetiteStatements.version, only) : undefined))
    .orderBy(desc(riskAppetiteStatements.version));
  if (!rows.length) return [];
  const levels = await db
    .select()
    .from(riskAppetiteLevels)
    .where(inArray(riskAppetiteLevels.statementId, rows.map((r) => r.id)));
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    note: r.note,
    levels: levels
      .filter((l) => l.statementId === r.id)
      .map((l) => ({ domain: l.domain, level: l.level, statement: l.statement }))
      .sort((a, b) => RISK_DOMAINS.indexOf(a.domain) - RISK_DOMAINS.indexOf(b.domain)),
  }));
}

/** The statement in force for a trust (no access check: for lib's own writes, e.g. freezing a version). */
export async function appetiteInForce(db: DbOrTx, trustId: string): Promise<{ version: number; levels: Partial<Record<RiskDomain, RiskLevel>> } | null> {
  const [latest] = await db
    .select({ id: riskAppetiteStatements.id, version: riskAppetiteStatements.version })
    .from(riskAppetiteStatements)
    .where(eq(riskAppetiteStatements.trustId, trustId))
    .orderBy(desc(riskAppetiteStatements.version))
    .limit(1);
  if (!latest) return null;
  const levels = await db.select({ domain: riskAppetiteLevels.domain, level: riskAppetiteLevels.level }).from(riskAppetiteLevels).where(eq(riskAppetiteLevels.statementId, latest.id));
  return { version: latest.version, levels: Object.fromEntries(levels.map((l) => [l.domain, l.level])) };
}

/** The trust's statement in force (null when none yet), for its insiders and administrators. */
export async function getRiskAppetite(actor: Actor, ods: string): Promise<RiskAppetiteView> {
  const db = await getDb();
  const trust = await trustByOds(db, ods);
  if (!mayRead(actor, trust)) throw notFound();
  const [current] = await loadVersions(db, trust.id);
  return { trust: { id: trust.id, ods: trust.ods, name: trust.name }, current: current ?? null, canSet: maySet(actor, trust) };
}

/** Every version of the trust's statement, newest first: the old ones stay readable. */
export async function listRiskAppetiteVersions(actor: Actor, ods: string): Promise<{ trust: RiskAppetiteView["trust"]; versions: AppetiteVersion[] }> {
  const db = await getDb();
  const trust = await trustByOds(db, ods);
  if (!mayRead(actor, trust)) throw notFound();
  return { trust: { id: trust.id, ods: trust.ods, name: trust.name }, versions: await loadVersions(db, trust.id) };
}

/** One version of the trust's statement (as compared by a decision's version), or "not found". */
export async function getRiskAppetiteVersion(actor: Actor, ods: string, version: number): Promise<AppetiteVersion> {
  const db = await getDb();
  const trust = await trustByOds(db, ods);
  if (!mayRead(actor, trust) || !Number.isInteger(version) || version < 1) throw notFound();
  const [v] = await loadVersions(db, trust.id, version);
  if (!v) throw notFound();
  return v;
}

/**
 * Sets the trust's statement: inserts the next version and its levels with the audit event
 * `risk_appetite.set`, in one transaction (the trust's row locked, so two changes never take the same
 * number). Refused when someone changed it since `baseVersion`, or when nothing changed.
 */
export async function setRiskAppetite(actor: Actor, ods: string, raw: unknown): Promise<{ version: number }> {
  const db = await getDb();
  const found = await trustByOds(db, ods);
  if (!mayRead(actor, found) && !maySet(actor, found)) throw notFound();
  if (!maySet(actor, found)) throw new AppError("forbidden", "Only the Chair or the Company Secretary can change the board's risk appetite");
  const input = parseInput(SetRiskAppetiteSchema, raw);
  const levels: AppetiteLevel[] = RISK_DOMAINS.flatMap((d) => {
    const e = input.domains[d];
    return e.level ? [{ domain: d, level: e.level, statement: e.statement }] : [];
  });
  return db.transaction(async (tx) => {
    const [trust] = await tx.select().from(organisations).where(eq(organisations.id, found.id)).for("update");
    const [before] = await loadVersions(tx, trust.id);
    const current = before?.version ?? 0;
    if (input.baseVersion !== current) {
      throw new AppError("conflict", `The risk appetite was changed to version ${current} by ${before?.createdBy ?? "someone"} after you opened it. Nothing you sent has been saved: check version ${current} and make your change again.`);
    }
    if (before && JSON.stringify(before.levels) === JSON.stringify(levels)) {
      throw new AppError("invalid", "Nothing has changed, so there is no new version", { fieldErrors: { _form: "Nothing has changed, so there is no new version" } });
    }
    const version = current + 1;
    const [row] = await tx.insert(riskAppetiteStatements).values({ trustId: trust.id, version, note: input.note, createdById: actor.userId }).returning();
    await tx.insert(riskAppetiteLevels).values(levels.map((l) => ({ statementId: row.id, ...l })));
    await recordAudit(tx, actor, {
      organisationId: trust.id,
      action: "risk_appetite.set",
      entityType: "risk_appetite",
      entityId: row.id,
      before: before ? { version: before.version, levels: before.levels } : null,
      after: { version, levels, note: input.note },
    });
    return { version };
  });
}

/** The trusts whose statement the actor may set (for links on pages), by ODS code. */
export async function riskAppetiteTrusts(actor: Actor): Promise<{ ods: string; name: string }[]> {
  const ids = [...new Set(actor.memberships.map((m) => m.organisationId))];
  if (!ids.length) return [];
  const db = await getDb();
  const rows = await db
    .select({ id: organisations.id, ods: organisations.ods, name: organisations.name, kind: organisations.kind, icsId: organisations.icsId })
    .from(organisations)
    .where(and(inArray(organisations.id, ids), eq(organisations.kind, "trust")))
    .orderBy(asc(organisations.name));
  return rows.filter((t) => isInsider(actor, t.id)).map((t) => ({ ods: t.ods, name: t.name }));
}

