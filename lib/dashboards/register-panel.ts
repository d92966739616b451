import "server-only";
import { sql } from "drizzle-orm";
import { readableCountedWhere, readableDecisionsWhere, type Actor } from "../access";
import { AppError } from "../errors";
import type { Category, DashboardFilters, Favoured, Status } from "./filters";
import type { RatificationState } from "../chairs-action-words";
import { canUseTrustRollups, keptFilters, open, rowsOf, scopedDecisions, scopedTrustRollups, viewTrustIds, type DashboardView } from "./scope";

// Panel 1: the register, in the layout of the study's Table 6.

export const REGISTER_PANEL_LIMIT = 10;

export type RegisterRow = {
  id: string;
  title: string;
  favoured: Favoured;
  category: Category;
  status: Status;
  /** Chair's action (issue 14): awaiting ratification, ratified or not ratified; null otherwise. */
  ratification: RatificationState | null;
  trustOds: string;
  trustName: string;
  authorId: string;
  authorName: string;
  decidedOn: string | null;
};

export type RegisterPanel = {
  /** Every decision counted, confidential ones too. */
  total: number;
  system: number;
  trust: number;
  /** Of those, the ones this viewer may read (listed). */
  readable: number;
  /** Counted but visible to their trust's board only (never listed here). */
  hiddenFromViewer: number;
  rows: RegisterRow[];
};

/** Trust and ICS views only: the national view never lists decisions. */
export async function getRegisterPanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads every decision in view even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<RegisterPanel> {
  const { db, view: v } = await open(actor, view);
  if (v.kind === "national") throw new AppError("not_found", "Register not found");
  const rows = await rowsOf<{
    total: number; system: number; trust: number; readable: number;
    id: string | null; title: string | null; favoured: Favoured; category: Category; status: Status; ratification: RatificationState | null;
    trust_ods: string; trust_name: string; author_id: string; author_name: string; decided_on: string | null;
  }>(
    db,
    (opts.rollups ?? true) && canUseTrustRollups(v, filters)
      ? // No filter by category or period: the counts from the roll-ups by trust ('all', by visibility),
        // and the latest ten the viewer may read from each trust's first ten in the register's order
        // (decisions_trust_latest_idx), merged.
        sql`with c as (
          select coalesce(sum(decisions), 0)::int as total, coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int as system,
                 coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int as trust,
                 coalesce(sum(decisions) filter (where ${readableCountedWhere(actor, "k")}), 0)::int as readable
          from (${scopedTrustRollups(v, filters, ["all"])}) k),
        s as (
          select l.* from unnest(${viewTrustIds(v, filters)}) as vt(id) cross join lateral (
            select decisions.id, decisions.title, decisions.favoured::text as favoured, decisions.category::text as category,
              decisions.status::text as status, decisions.ratification::text as ratification, decisions.trust_id, decisions.author_id, decisions.decided_on
            from decisions
            where decisions.trust_id = vt.id and decisions.status <> 'draft' and decisions.version > 0
              and ${keptFilters(filters, "decisions")} and (${readableDecisionsWhere(actor)})
            order by decisions.decided_on desc nulls last, decisions.id limit ${REGISTER_PANEL_LIMIT}
          ) l
          order by l.decided_on desc nulls last, l.id limit ${REGISTER_PANEL_LIMIT})
        select c.*, s.id, s.title, s.favoured, s.category, s.status, s.ratification, t.ods as trust_ods, t.name as trust_name,
          s.author_id, u.name as author_name, s.decided_on::text as decided_on
        from c left join s on true left join organisations t on t.id = s.trust_id left join users u on u.id = s.author_id
        order by s.decided_on desc nulls last, s.id`
      : sql`with s as (${scopedDecisions(v, filters, sql`, (${readableDecisionsWhere(actor)}) as readable, decisions.decided_on, decisions.ratification::text as ratification, decisions.title, t.ods as trust_ods, t.name as trust_name`)}),
      c as (select count(*)::int as total, count(*) filter (where favoured = 'system')::int as system,
                   count(*) filter (where favoured = 'trust')::int as trust, count(*) filter (where readable)::int as readable from s)
      select c.*, l.id, l.title, l.favoured, l.category, l.status, l.ratification, l.trust_ods, l.trust_name, l.author_id, l.author_name, l.decided_on
      from c left join lateral (
        select s.id, s.title, s.favoured, s.category, s.status, s.ratification, s.trust_ods, s.trust_name, s.author_id, u.name as author_name, s.decided_on::text as decided_on
        from s join users u on u.id = s.author_id
        where s.readable order by s.decided_on desc nulls last, s.id limit ${REGISTER_PANEL_LIMIT}
      ) l on true`,
  );
  const head = rows[0];
  return {
    total: head.total,
    system: head.system,
    trust: head.trust,
    readable: head.readable,
    hiddenFromViewer: head.total - head.readable,
    rows: rows
      .filter((r) => r.id)
      .map((r) => ({
        id: r.id!, title: r.title!, favoured: r.favoured, category: r.category, status: r.status, ratification: r.ratification,
        trustOds: r.trust_ods, trustName: r.trust_name, authorId: r.author_id, authorName: r.author_name, decidedOn: r.decided_on,
      })),
  };
}
