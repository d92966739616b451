import "server-only";
import { sql } from "drizzle-orm";
import type { Actor } from "../access";
import { CATEGORIES, TRUST_TYPES, type Category, type DashboardFilters, type TrustType } from "./filters";
import { canUseRollups, canUseTrustRollups, open, rowsOf, scopedKept, scopedRollups, scopedTrustRollups, type DashboardView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, protectedCells, shareOf, type Cell, type CellState, type Relation, type SideCounts } from "./suppression";

// Panel 2: the balance between system and trust, by trust type, category, quarter and (national) ICS
// or (trust and ICS views) trust and Chief Executive.

export type BalancePanel = {
  total: SideCounts;
  byTrustType: ({ trustType: TrustType } & SideCounts)[];
  byCategory: ({ category: Category } & SideCounts)[];
  byQuarter: ({ quarter: string | null } & SideCounts)[];
  /** National view only. */
  byIcs?: ({ icsOds: string; icsName: string } & SideCounts)[];
  /** Trust and ICS views only. */
  byTrust?: ({ trustOds: string; trustName: string } & SideCounts)[];
  /** Trust and ICS views only. */
  byChiefExecutive?: ({ authorId: string; authorName: string; trustOds: string } & SideCounts)[];
  /** Chief Executives who recorded at least one decision in the set, and those of them with no trust-favoured one. */
  chiefExecutives: { withDecisions: Cell; withNoTrustFavoured: Cell; share: number | null };
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so no figure is given. */
  tooFewTrusts?: true;
};

/** Every panel's shape when the national set covers too few trusts: no figure at all. */
const WITHHELD_SIDES: SideCounts = { system: SECONDARY, trust: SECONDARY, total: SECONDARY };

export async function getBalancePanel(
  actor: Actor,
  view: DashboardView,
  filters: DashboardFilters,
  /** Tests and the benchmark: `rollups: false` reads the finer kept counts even where the roll-ups would do. */
  opts: { rollups?: boolean } = {},
): Promise<BalancePanel> {
  const { db, view: v, cell } = await open(actor, view);
  const national = v.kind === "national";
  // The grouping sets a national analyst gets never include a trust or an author: the query itself
  // cannot produce those rows.
  const sets = national
    ? sql`(), (trust_type), (category), (quarter_or_null), (ics_id)`
    : sql`(), (trust_type), (category), (quarter_or_null), (trust_id), (author_id, trust_id)`;
  const keyCols = national
    ? sql`grouping(ics_id)::int as g_ics, 1 as g_trust, 1 as g_author, ics_id, null::uuid as trust_id, null::uuid as author_id`
    : sql`1 as g_ics, grouping(trust_id)::int as g_trust, grouping(author_id)::int as g_author, null::uuid as ics_id, trust_id, author_id`;
  type Row = {
    g_type: number; g_cat: number; g_q: number; g_ics: number; g_trust: number; g_author: number;
    trust_type: TrustType | null; category: Category | null; quarter: string | null;
    ics_id: string | null; ics_ods: string | null; ics_name: string | null;
    trust_id: string | null; trust_ods: string | null; trust_name: string | null;
    author_id: string | null; author_name: string | null;
    system: number; trust: number; total: number; trusts: number; ces: number; ces_none: number;
  };
  const sideSums = sql`coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int as system,
    coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int as trust, coalesce(sum(decisions), 0)::int as total`;
  const rows = (opts.rollups ?? true) && canUseRollups(v, filters)
    ? // National view with no filter but side and status: the coarse roll-ups, summed one dimension
      // at a time (hundreds of rows). The same figures as the query below, from the same kept counts.
      await rowsOf<Row>(
        db,
        sql`with r as (${scopedRollups(filters, ["trust", "author", "category", "quarter"])}),
          tr as (select r.*, t.trust_type::text as trust_type, t.ics_id from r join organisations t on t.id = r.key::uuid where r.dim = 'trust'),
          g as (
            select grouping(trust_type)::int as g_type, 1 as g_cat, 1 as g_q, grouping(ics_id)::int as g_ics, 1 as g_trust, 1 as g_author,
                   ics_id, null::uuid as trust_id, null::uuid as author_id, trust_type, null::text as category, null::text as quarter,
                   coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int as system,
                   coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int as trust, coalesce(sum(decisions), 0)::int as total,
                   count(distinct key)::int as trusts
            from tr group by grouping sets ((), (trust_type), (ics_id))
            union all
            select 1, 0, 1, 1, 1, 1, null, null, null, null, key, null,
                   coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int, coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int,
                   sum(decisions)::int, 0
            from r where dim = 'category' group by key
            union all
            select 1, 1, 0, 1, 1, 1, null, null, null, null, null, nullif(key, ''),
                   coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int, coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int,
                   sum(decisions)::int, 0
            from r where dim = 'quarter' group by key
          ),
          ce as (
            select count(*)::int as ces, count(*) filter (where trust_favoured = 0)::int as ces_none
            from (select key, coalesce(sum(decisions) filter (where favoured = 'trust'), 0) as trust_favoured from r where dim = 'author' group by key) x
          )
          select g.*, ce.ces, ce.ces_none, ii.ods as ics_ods, ii.name as ics_name, null as trust_ods, null as trust_name, null as author_name
          from g cross join ce
          left join organisations ii on ii.id = g.ics_id`,
      )
    : (opts.rollups ?? true) && canUseTrustRollups(v, filters)
    ? // Trust and ICS views with no filter by category or period: the roll-ups by trust, summed one
      // dimension at a time (a few hundred rows a trust). The same figures as the query below.
      await rowsOf<Row>(
        db,
        sql`with r as (${scopedTrustRollups(v, filters, ["all", "author", "category", "quarter"])}),
          g as (
            select grouping(trust_type)::int as g_type, 1 as g_cat, 1 as g_q, 1 as g_ics, grouping(trust_id)::int as g_trust, 1 as g_author,
                   null::uuid as ics_id, trust_id, null::uuid as author_id, trust_type, null::text as category, null::text as quarter,
                   ${sideSums}, count(distinct trust_id)::int as trusts
            from r where dim = 'all' group by grouping sets ((), (trust_type), (trust_id))
            union all
            select 1, 0, 1, 1, 1, 1, null, null, null, null, key, null, ${sideSums}, 0
            from r where dim = 'category' group by key
            union all
            select 1, 1, 0, 1, 1, 1, null, null, null, null, null, nullif(key, ''), ${sideSums}, 0
            from r where dim = 'quarter' group by key
            union all
            select 1, 1, 1, 1, 0, 0, null, trust_id, key::uuid, null, null, null, ${sideSums}, 0
            from r where dim = 'author' group by key, trust_id
          ),
          ce as (
            select count(*)::int as ces, count(*) filter (where trust_favoured = 0)::int as ces_none
            from (select key, coalesce(sum(decisions) filter (where favoured = 'trust'), 0) as trust_favoured from r where dim = 'author' group by key) x
          )
          select g.*, ce.ces, ce.ces_none, null as ics_ods, null as ics_name, tt.ods as trust_ods, tt.name as trust_name, u.name as author_name
          from g cross join ce
          left join organisations tt on tt.id = g.trust_id
          left join users u on u.id = g.author_id`,
      )
    : await rowsOf<Row>(
    db,
    // Read from the kept counts (one row per key, `decisions` in it), not the decisions themselves.
    sql`with s as (${scopedKept(v, filters, "aggregate_counts")}),
      g as (
        select grouping(trust_type)::int as g_type, grouping(category)::int as g_cat, grouping(quarter_or_null)::int as g_q, ${keyCols},
               trust_type, category, quarter_or_null as quarter,
               coalesce(sum(decisions) filter (where favoured = 'system'), 0)::int as system,
               coalesce(sum(decisions) filter (where favoured = 'trust'), 0)::int as trust, coalesce(sum(decisions), 0)::int as total,
               count(distinct trust_id)::int as trusts
        from s group by grouping sets (${sets})
      ),
      ce as (
        select count(*)::int as ces, count(*) filter (where trust_favoured = 0)::int as ces_none
        from (select author_id, coalesce(sum(decisions) filter (where favoured = 'trust'), 0) as trust_favoured from s group by author_id) x
      )
      select g.*, ce.ces, ce.ces_none, ii.ods as ics_ods, ii.name as ics_name, tt.ods as trust_ods, tt.name as trust_name, u.name as author_name
      from g cross join ce
      left join organisations ii on ii.id = g.ics_id
      left join organisations tt on tt.id = g.trust_id
      left join users u on u.id = g.author_id`,
  );
  const isTotal = (r: Row) => r.g_type === 1 && r.g_cat === 1 && r.g_q === 1 && r.g_ics === 1 && r.g_trust === 1 && r.g_author === 1;
  const totalRow = rows.find(isTotal) ?? { system: 0, trust: 0, total: 0, trusts: 0 };
  const ceRow = rows[0] ?? { ces: 0, ces_none: 0 };
  // Largest first; equal totals by name, so the order never depends on how the database grouped them.
  const label = (r: Row) => [r.trust_type, r.category, r.trust_name, r.author_name, r.trust_ods, r.author_id].map((x) => x ?? "").join("\u0000");
  const byTotal = (a: Row, b: Row) => b.total - a.total || label(a).localeCompare(label(b), "en-GB");
  // National rows come in a fixed label order, never by their counts: an order by true totals would
  // let a reader bound a hidden cell from its neighbours (issue 15, finding 3). API `groups` follow.
  const byLabelOrder = <K extends string>(order: readonly K[], key: (r: Row) => K | null) => (a: Row, b: Row) =>
    order.indexOf(key(a) as K) - order.indexOf(key(b) as K);
  const byIcsName = (a: Row, b: Row) => (a.ics_name ?? "").localeCompare(b.ics_name ?? "", "en-GB") || (a.ics_ods ?? "").localeCompare(b.ics_ods ?? "");
  const typeRows = rows.filter((r) => r.g_type === 0).sort(national ? byLabelOrder(TRUST_TYPES, (r) => r.trust_type) : byTotal);
  const categoryRows = rows.filter((r) => r.g_cat === 0).sort(national ? byLabelOrder(CATEGORIES, (r) => r.category) : byTotal);
  const quarterRows = rows.filter((r) => r.g_q === 0).sort((a, b) => ((a.quarter ?? "9999") < (b.quarter ?? "9999") ? -1 : 1));
  const icsRows = rows.filter((r) => r.g_ics === 0).sort(byIcsName);

  if (national && totalRow.trusts < NATIONAL_MIN_TRUSTS) {
    return {
      total: WITHHELD_SIDES, byTrustType: [], byCategory: [], byQuarter: [], byIcs: [],
      chiefExecutives: { withDecisions: SECONDARY, withNoTrustFavoured: SECONDARY, share: null },
      tooFewTrusts: true,
    };
  }

  // Every shown row as three cells [system, trust, total]; in the national view, protected together.
  const shownRows: { system: number; trust: number; total: number; trusts?: number }[] = [totalRow, ...typeRows, ...categoryRows, ...quarterRows, ...icsRows];
  let sidesOf: (i: number) => SideCounts;
  if (national) {
    const values = shownRows.flatMap((r) => [r.system, r.trust, r.total]);
    const relations: Relation[] = shownRows.map((_, i) => ({ total: 3 * i + 2, parts: [3 * i, 3 * i + 1], hideTotalFirst: true }));
    let at = 1;
    for (const block of [typeRows, categoryRows, quarterRows, icsRows]) {
      for (let c = 0; c < 3; c++) relations.push({ total: c, parts: block.map((_, j) => 3 * (at + j) + c), hideTotalFirst: false });
      at += block.length;
    }
    // A trust-type or ICS row covering fewer than 3 trusts is those trusts' own figures: withheld.
    const identifying = new Set([...typeRows, ...icsRows]);
    const initial: CellState[] = shownRows.flatMap((r) =>
      identifying.has(r as Row) && (r.trusts ?? 0) < NATIONAL_MIN_TRUSTS ? (["secondary", "secondary", "secondary"] as const) : (["shown", "shown", "shown"] as const),
    );
    const cells = protectedCells(values, relations, initial);
    sidesOf = (i) => ({ system: cells[3 * i], trust: cells[3 * i + 1], total: cells[3 * i + 2] });
  } else {
    sidesOf = (i) => ({ system: cell(shownRows[i].system), trust: cell(shownRows[i].trust), total: cell(shownRows[i].total) });
  }
  const indexOf = new Map(shownRows.map((r, i) => [r, i]));
  const sides = (r: Row) => sidesOf(indexOf.get(r)!);
  const withDecisions = cell(ceRow.ces);
  const withNoTrustFavoured = cell(ceRow.ces_none);

  const panel: BalancePanel = {
    total: sidesOf(0),
    byTrustType: typeRows.map((r) => ({ trustType: r.trust_type as TrustType, ...sides(r) })),
    byCategory: categoryRows.map((r) => ({ category: r.category as Category, ...sides(r) })),
    byQuarter: quarterRows.map((r) => ({ quarter: r.quarter, ...sides(r) })),
    chiefExecutives: { withDecisions, withNoTrustFavoured, share: shareOf(withNoTrustFavoured, withDecisions) },
  };
  if (national) {
    panel.byIcs = icsRows.map((r) => ({ icsOds: r.ics_ods ?? "", icsName: r.ics_name ?? "", ...sides(r) }));
  } else {
    const cellSides = (r: Row): SideCounts => ({ system: cell(r.system), trust: cell(r.trust), total: cell(r.total) });
    panel.byTrust = rows
      .filter((r) => r.g_trust === 0 && r.g_author === 1)
      .sort(byTotal)
      .map((r) => ({ trustOds: r.trust_ods ?? "", trustName: r.trust_name ?? "", ...cellSides(r) }));
    panel.byChiefExecutive = rows
      .filter((r) => r.g_author === 0)
      .sort(byTotal)
      .map((r) => ({ authorId: r.author_id!, authorName: r.author_name ?? "", trustOds: r.trust_ods ?? "", ...cellSides(r) }));
  }
  return panel;
}
