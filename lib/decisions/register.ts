import "server-only";
// The register: decisions the actor may read, filtered, searched (PostgreSQL full text), sorted and
// paged in SQL, with the total count; an ICS lead also learns how many are for trust boards only.
import { and, asc, desc, eq, exists, gte, inArray, lte, ne, not, sql, type SQL } from "drizzle-orm";
import { getReadDb, type DbOrTx } from "@/db/client";
import { attachments, criterionOutcomes, decisionFactors, decisionOrganisations, decisionRisks, decisionVersions, decisions, organisations, successCriteria, users } from "@/db/schema";
import { can, hasRegister, readableDecisionsWhere, sharedReaderIcsIds, type Actor } from "../access";
import { AppError } from "../errors";
import { reviewDueWhere } from "../review-due";
import { parseInput } from "../validation";
import { RegisterFiltersSchema, defaultSort, type RegisterFilters, type RegisterFiltersInput } from "./register-filters";

export type RegisterRow = {
  id: string;
  title: string;
  summary: string;
  favoured: "system" | "trust" | null;
  status: "draft" | "awaiting_sign_off" | "signed_off" | "declined" | "reviewed" | "withdrawn";
  /** Chair's action (issue 14): awaiting ratification, ratified or not ratified; null otherwise. */
  ratification: "awaiting" | "ratified" | "not_ratified" | null;
  category: string | null;
  decidedOn: string | null;
  visibility: "trust" | "system";
  version: number;
  updatedAt: Date;
  trust: { ods: string; name: string };
  author: { id: string; name: string };
  /** The current version is outside the board's risk appetite. */
  outsideAppetite: boolean;
};

export type RegisterPage = {
  rows: RegisterRow[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
  sort: string;
  filters: RegisterFilters;
  /** ICS leads only: decisions matching the filters that only their trust boards may read (null with any filter finer than coarseFiltersOnly allows). */
  hiddenCount: number | null;
};

/** The same expression as the attachments_text_idx index. */
const ATTACHMENT_FTS = sql.raw(`to_tsvector('english', coalesce(a.text_content, ''))`);
/** The deepest row the register's pages reach by OFFSET (400 pages of 25). */
export const MAX_REGISTER_OFFSET = 10_000;

export const FTS = sql`to_tsvector('english', ${decisions.title} || ' ' || ${decisions.summary} || ' ' || ${decisions.rationale})`;


/** The decisions the actor may read, as the register shows them. */
export async function listRegister(actor: Actor, raw: RegisterFiltersInput = {}): Promise<RegisterPage> {
  const filters = parseInput(RegisterFiltersSchema, raw);
  if (!mayUseRegister(actor)) throw new AppError("not_found", "Page not found");
  const db = await getReadDb(actor);

  const { scope, attrs, text } = await registerConditions(db, actor, filters);

  const readable = readableDecisionsWhere(actor);
  const where = and(readable, ...scope, ...attrs, text);
  const sort = defaultSort(filters);
  const order = orderFor(sort, filters.q);
  // Issue 15, finding 6: OFFSET stays bounded. Pages beyond MAX_REGISTER_OFFSET rows are not served
  // (the page asked for is brought back to the last one allowed); deeper reading is by keyset
  // through the API (`cursor`) or the export, which stream every row.
  const maxPage = Math.max(1, Math.floor(MAX_REGISTER_OFFSET / filters.pageSize));
  if (filters.page > maxPage) filters.page = maxPage;
  const offset = (filters.page - 1) * filters.pageSize;

  const [rows, [{ n: total }], hiddenCount] = await Promise.all([
    db
      .select({
        id: decisions.id,
        title: decisions.title,
        summary: sql<string>`left(${decisions.summary}, 300)`,
        favoured: decisions.favoured,
        status: decisions.status,
        ratification: decisions.ratification,
        category: decisions.category,
        decidedOn: decisions.decidedOn,
        visibility: decisions.visibility,
        version: decisions.version,
        updatedAt: decisions.updatedAt,
        outsideAppetite: decisions.outsideAppetite,
        trustOds: organisations.ods,
        trustName: organisations.name,
        authorId: users.id,
        authorName: users.name,
      })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .innerJoin(users, eq(users.id, decisions.authorId))
      .where(where)
      .orderBy(...order)
      .limit(filters.pageSize)
      .offset(offset),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(where),
    countHidden(actor, scope, attrs, !coarseFiltersOnly(filters)),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      title: r.title,
      summary: r.summary,
      favoured: r.favoured,
      status: r.status,
      ratification: r.ratification,
      category: r.category,
      decidedOn: r.decidedOn,
      visibility: r.visibility,
      version: r.version,
      updatedAt: r.updatedAt,
      trust: { ods: r.trustOds, name: r.trustName },
      author: { id: r.authorId, name: r.authorName },
      outsideAppetite: r.outsideAppetite,
    })),
    total,
    page: filters.page,
    pageSize: filters.pageSize,
    pageCount: Math.min(maxPage, Math.max(1, Math.ceil(total / filters.pageSize))),
    sort,
    filters,
    hiddenCount,
  };
}

const QUARTER_START = /^\d{4}-(01|04|07|10)-01$/;
const QUARTER_END = /^\d{4}-(03-31|06-30|09-30|12-31)$/;

/**
 * Issue 15, finding 4: the count of decisions for trust boards only is given for coarse filters alone
 * (quarter, side, category, trust or ICS or trust type, status). An author, an exact day, a factor, a
 * beneficiary, an outcome, a review due or search words would let an ICS lead probe one confidential
 * decision's attributes through it, so with any of them the count is not shown.
 */
export function coarseFiltersOnly(f: Partial<RegisterFilters>): boolean {
  if (f.author || f.factor || f.outcome || f.due || f.gave || f.beneficiary || f.q || f.outside || f.riskDomain || f.ratification) return false;
  if (f.from && !QUARTER_START.test(f.from)) return false;
  if (f.to && !QUARTER_END.test(f.to)) return false;
  return true;
}

/** For ICS leads: submitted decisions of their ICSs' trusts, matching the (coarse) filters, shared with the trust board only. */
async function countHidden(actor: Actor, scope: SQL[], attrs: SQL[], fineFilters: boolean): Promise<number | null> {
  const icsIds = sharedReaderIcsIds(actor);
  if (!icsIds.length || fineFilters) return null;
  const db = await getReadDb(actor);
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(decisions)
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(
      and(
        inArray(organisations.icsId, icsIds),
        ne(decisions.status, "draft"),
        sql`${decisions.version} > 0`,
        eq(decisions.visibility, "trust"),
        not(readableDecisionsWhere(actor)),
        ...scope,
        ...attrs,
      ),
    );
  return n;
}

function orderFor(sort: string, q: string | undefined): SQL[] {
  if (sort === "relevance" && q) {
    return [sql`ts_rank(${FTS}, websearch_to_tsquery('english', ${q})) desc`, desc(decisions.decidedOn), desc(decisions.createdAt)];
  }
  const [field, dir] = sort.split("-") as [string, "asc" | "desc"];
  const by = dir === "asc" ? asc : desc;
  const tie = [desc(decisions.createdAt), asc(decisions.id)];
  switch (field) {
    case "title":
      return [by(sql`lower(${decisions.title})`), ...tie];
    case "favoured":
      return [by(decisions.favoured), desc(decisions.decidedOn), ...tie];
    case "status":
      return [by(decisions.status), desc(decisions.decidedOn), ...tie];
    case "category":
      return [by(decisions.category), desc(decisions.decidedOn), ...tie];
    case "author":
      return [by(users.name), desc(decisions.decidedOn), ...tie];
    case "updated":
      return [by(decisions.updatedAt), ...tie];
    default:
      return [dir === "asc" ? sql`${decisions.decidedOn} asc nulls last` : sql`${decisions.decidedOn} desc nulls last`, ...tie];
  }
}

/** Authors of decisions the actor may read, for the register's author filter. */
export async function listRegisterAuthors(actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!mayUseRegister(actor)) return [];
  const db = await getReadDb(actor);
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(decisions)
    .innerJoin(users, eq(users.id, decisions.authorId))
    .where(readableDecisionsWhere(actor))
    .orderBy(asc(users.name), asc(users.id));
}


/**
 * The register's filters as SQL, for every reader of the register (the page, the API's keyset pages,
 * the CSV/XLSX export), with `organisations` joined on the decision's trust. A filter naming an
 * organisation the actor may not see is "not found". `categories` (the API) widens `category`.
 */
export async function registerConditions(
  db: DbOrTx,
  actor: Actor,
  filters: Omit<RegisterFilters, "page" | "pageSize" | "sort"> & { categories?: string[] },
): Promise<{ scope: SQL[]; attrs: SQL[]; text: SQL | undefined }> {
  // Scope filters that name organisations: the actor must be able to see that organisation's register.
  const scope: SQL[] = [];
  if (filters.trust) {
    const [t] = await db.select().from(organisations).where(and(eq(organisations.ods, filters.trust), eq(organisations.kind, "trust")));
    const ref = t ? { id: t.id, kind: t.kind, icsId: t.icsId } : null;
    if (!t || !(can(actor, "register.view", ref) || can(actor, "register.view_shared", ref))) throw new AppError("not_found", "Trust not found");
    scope.push(eq(decisions.trustId, t.id));
  }
  if (filters.ics) {
    const [ics] = await db.select().from(organisations).where(and(eq(organisations.ods, filters.ics), eq(organisations.kind, "ics")));
    if (!ics || !actor.memberships.some((m) => m.organisationId === ics.id || m.icsId === ics.id)) throw new AppError("not_found", "Integrated Care System not found");
    scope.push(inArray(decisions.trustId, db.select({ id: organisations.id }).from(organisations).where(eq(organisations.icsId, ics.id))));
  }
  if (filters.trustType) scope.push(eq(organisations.trustType, filters.trustType));

  const attrs: SQL[] = [];
  if (filters.favoured) attrs.push(eq(decisions.favoured, filters.favoured));
  if (filters.status?.length) attrs.push(inArray(decisions.status, filters.status));
  if (filters.category) attrs.push(eq(decisions.category, filters.category));
  if (filters.categories?.length) attrs.push(inArray(decisions.category, filters.categories as NonNullable<RegisterFilters["category"]>[]));
  if (filters.from) attrs.push(gte(decisions.decidedOn, filters.from));
  if (filters.to) attrs.push(lte(decisions.decidedOn, filters.to));
  if (filters.author) attrs.push(eq(decisions.authorId, filters.author));
  if (filters.factor) {
    attrs.push(
      exists(
        db
          .select({ x: sql`1` })
          .from(decisionFactors)
          .where(and(eq(decisionFactors.decisionId, decisions.id), eq(decisionFactors.factor, filters.factor))),
      ),
    );
  }
  if (filters.outcome) attrs.push(outcomeCondition(filters.outcome));
  if (filters.due) attrs.push(dueCondition());
  if (filters.gave) {
    attrs.push(sql`exists (select 1 from ${decisionOrganisations} o where o.decision_id = ${decisions.id} and o.role = 'benefits' and o.organisation_id <> ${decisions.trustId})`);
  }
  if (filters.beneficiary) {
    const [org] = await db.select().from(organisations).where(eq(organisations.ods, filters.beneficiary));
    // Only organisations of the actor's own ICSs: the filter must not become a way to probe others.
    const icsOf = (o: { id: string; kind: string; icsId: string | null }) => (o.kind === "ics" ? o.id : o.icsId);
    if (!org || !actor.memberships.some((m) => m.organisationId === org.id || (icsOf(org) && (m.icsId === icsOf(org) || m.organisationId === icsOf(org))))) {
      throw new AppError("not_found", "Organisation not found");
    }
    attrs.push(
      sql`exists (select 1 from ${decisionOrganisations} o where o.decision_id = ${decisions.id} and o.role = 'benefits' and o.organisation_id = ${org.id} and o.organisation_id <> ${decisions.trustId})`,
    );
  }
  if (filters.outside && filters.riskDomain) attrs.push(outsideInDomain(filters.riskDomain));
  else if (filters.outside) attrs.push(eq(decisions.outsideAppetite, true));
  else if (filters.riskDomain) {
    attrs.push(sql`exists (select 1 from ${decisionRisks} r where r.decision_id = ${decisions.id} and r.domain = ${filters.riskDomain})`);
  }
  if (filters.ratification) attrs.push(eq(decisions.ratification, filters.ratification));
  // The words may be in the decision, or in the text of one of its current files (PDF, Word): those
  // files are part of the current version, which every reader of the decision may read.
  const text = filters.q
    ? sql`(${FTS} @@ websearch_to_tsquery('english', ${filters.q}) or exists (select 1 from ${attachments} a
        where a.decision_id = ${decisions.id} and a.outcome_id is null and a.removed_at is null
        and ${ATTACHMENT_FTS} @@ websearch_to_tsquery('english', ${filters.q})))`
    : undefined;

  return { scope, attrs, text };
}

/**
 * A current criterion of the decision whose latest assessment is `outcome` ("assessed": any). The same
 * rule as the dashboards' outcomes panel, so its numbers and these lists agree.
 */
function outcomeCondition(outcome: NonNullable<RegisterFilters["outcome"]>): SQL {
  const latest = sql`(select o.outcome from ${criterionOutcomes} o where o.criterion_id = c.id order by o.created_at desc, o.id desc limit 1)`;
  const test = outcome === "assessed" ? sql`${latest} is not null` : sql`${latest} = ${outcome}`;
  return sql`exists (select 1 from ${successCriteria} c where c.decision_id = ${decisions.id} and c.removed_at is null and ${test})`;
}

/**
 * The decision's current version is outside the board's appetite in this domain: what its frozen
 * content says (VersionContent.riskAppetite.outside), the same rule as the dashboards' panel.
 */
export function outsideInDomain(domain: string): SQL {
  return sql`(${decisions.outsideAppetite} and exists (select 1 from ${decisionVersions} v
    cross join lateral jsonb_array_elements(coalesce(v.content->'riskAppetite'->'outside', '[]'::jsonb)) o
    where v.decision_id = ${decisions.id} and v.version = ${decisions.version} and o->>'domain' = ${domain}))`;
}

/** The decision has a review due (lib/review-due.ts: the inbox's and the dashboards' rule). */
function dueCondition(): SQL {
  return sql`exists (select 1 from ${successCriteria} c
    where c.decision_id = ${decisions.id} and ${reviewDueWhere({ criterion: "c", status: decisions.status })})`;
}

/** Whether the actor has a register at all (Chief Executives, board members, ICS leads). */
export function mayUseRegister(actor: Actor) {
  return hasRegister(actor);
}
