import "server-only";
// Rows of the register export (lib/export/register.ts): one SQL query, with the counts as correlated
// subqueries, over the decisions the actor may read with the register's filters. Read in keyset
// batches so a large register streams without being held in memory (and without holding a
// transaction, and so PGlite's single connection, open while the download is sent).
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisions, organisations } from "@/db/schema";
import { SEAT_LABELS, type Actor } from "../access";
import type { Cursor } from "../paging/cursor";
import type { RegisterExportRow } from "../export/register";
import { SORT_KEY, afterKey, registerWhere, type ListFilters } from "./list-page";

export const EXPORT_BATCH = 1000;

const SEAT_CASES = sql.join(Object.entries(SEAT_LABELS).map(([seat, label]) => sql`when ${seat} then ${label}`), sql` `);

// Effective positions on the current version: the latest of each member (a superseded one no longer counts).
const positionCount = (kind: "support" | "object" | "abstain") => sql<number>`(
  select count(*)::int from positions p
  where p.decision_id = ${decisions.id} and p.decision_version = ${decisions.version} and p.position = ${kind}
    and not exists (select 1 from positions p2 where p2.supersedes_id = p.id)
)`;

// Supporting members counting toward sign-off, by the panel's rule (lib/quorum.ts): the effective
// support on the current version, neither the author's, nor a declared conflict's, nor of a member who
// has since left the board or been disabled.
const supportCounted = sql<number>`(
  select count(*)::int from positions p
  join users u on u.id = p.member_id and u.disabled_at is null
  where p.decision_id = ${decisions.id} and p.decision_version = ${decisions.version} and p.position = 'support'
    and not p.conflict_declared and p.member_id <> ${decisions.authorId}
    and not exists (select 1 from positions p2 where p2.supersedes_id = p.id)
    and exists (select 1 from memberships m where m.user_id = p.member_id and m.organisation_id = ${decisions.trustId} and m.role = 'board_member')
)`;

/**
 * The export rows the actor may read with these filters, in batches of `batch` (newest decision
 * date first). Throws "not found" before the first batch when the actor has no register or names a
 * trust or ICS they may not see.
 */
export async function* streamRegisterExportRows(actor: Actor, filters: ListFilters, opts: { batch?: number } = {}): AsyncGenerator<RegisterExportRow[]> {
  const db = await getDb();
  const where = await registerWhere(db, actor, filters);
  const batch = opts.batch ?? EXPORT_BATCH;
  let cursor: Cursor | null = null;
  for (;;) {
    const rows: (Omit<RegisterExportRow, "factors"> & { factors: unknown; key: string })[] = await db
      .select({
        id: decisions.id,
        trustOds: organisations.ods,
        trustName: organisations.name,
        title: decisions.title,
        summary: decisions.summary,
        favoured: decisions.favoured,
        category: decisions.category,
        status: decisions.status,
        decidedOn: decisions.decidedOn,
        version: decisions.version,
        contentHash: decisions.contentHash,
        factors: sql<string[]>`coalesce((select array_agg(f.factor::text order by f.factor::text) from decision_factors f where f.decision_id = ${decisions.id}), '{}')`,
        criteriaCount: sql<number>`(select count(*)::int from success_criteria c where c.decision_id = ${decisions.id} and c.removed_at is null)`,
        criteriaMet: sql<number>`(
          select count(*)::int from success_criteria c
          where c.decision_id = ${decisions.id} and c.removed_at is null
            and (select o.outcome from criterion_outcomes o where o.criterion_id = c.id order by o.created_at desc, o.id desc limit 1) = 'met'
        )`,
        positionsSupport: positionCount("support"),
        positionsObject: positionCount("object"),
        positionsAbstain: positionCount("abstain"),
        supportCounted,
        signedOffOn: sql<string | null>`to_char(${decisions.signedOffAt} at time zone 'Europe/London', 'YYYY-MM-DD')`,
        dissent: sql<string>`coalesce((
          select string_agg(
            case p.position when 'object' then 'Objected' else 'Abstained' end || ': ' || u.name
              || ' (' || case p.seat::text ${SEAT_CASES} end || ')'
              || case when p.comment <> '' then ' – ' || p.comment else '' end,
            E'\n' order by p.created_at, p.id)
          from positions p join users u on u.id = p.member_id
          where p.decision_id = ${decisions.id} and p.decision_version = ${decisions.version} and p.position in ('object', 'abstain')
            and not exists (select 1 from positions p2 where p2.supersedes_id = p.id)
        ), '')`,
        urgent: decisions.urgent,
        urgentReason: decisions.urgentReason,
        ratification: decisions.ratification,
        chairsActionOn: sql<string | null>`to_char(${decisions.chairsActionAt} at time zone 'Europe/London', 'YYYY-MM-DD')`,
        ratificationDecidedOn: sql<string | null>`to_char(${decisions.ratificationDecidedAt} at time zone 'Europe/London', 'YYYY-MM-DD')`,
        risks: sql<string>`coalesce((select string_agg(r.domain::text || ':' || r.level::text, ';' order by r.domain) from decision_risks r where r.decision_id = ${decisions.id}), '')`,
        outsideAppetite: decisions.outsideAppetite,
        // From the current version's frozen comparison (VersionContent.riskAppetite).
        outsideDomains: sql<string>`coalesce((select string_agg((e.value->>'domain') || ':' || (e.value->>'appetite') || '<' || (e.value->>'taken'), ';' order by e.ord)
          from decision_versions v cross join lateral jsonb_array_elements(coalesce(v.content->'riskAppetite'->'outside', '[]'::jsonb)) with ordinality as e(value, ord)
          where v.decision_id = ${decisions.id} and v.version = ${decisions.version}), '')`,
        appetiteVersion: sql<number | null>`(select (v.content->'riskAppetite'->>'statementVersion')::int from decision_versions v where v.decision_id = ${decisions.id} and v.version = ${decisions.version})`,
        key: sql<string>`${SORT_KEY}::text`,
      })
      .from(decisions)
      .innerJoin(organisations, eq(organisations.id, decisions.trustId))
      .where(and(where, afterKey(cursor)))
      .orderBy(desc(SORT_KEY), desc(decisions.id))
      .limit(batch);
    if (!rows.length) return;
    yield rows.map(({ key: _key, ...r }): RegisterExportRow => ({ ...r, factors: Array.isArray(r.factors) ? r.factors : parsePgArray(r.factors) }));
    if (rows.length < batch) return;
    const last = rows[rows.length - 1]!;
    cursor = { k: last.key, id: last.id };
  }
}

/** Every export row at once (for the XLSX, which exceljs builds in memory anyway, and for tests). */
export async function listRegisterExportRows(actor: Actor, filters: ListFilters): Promise<RegisterExportRow[]> {
  const out: RegisterExportRow[] = [];
  for await (const rows of streamRegisterExportRows(actor, filters)) out.push(...rows);
  return out;
}

// A driver may hand back a text[] as its literal ("{a,b}"); factor codes never need quoting.
function parsePgArray(v: unknown): string[] {
  if (typeof v !== "string") return [];
  const inner = v.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",") : [];
}
