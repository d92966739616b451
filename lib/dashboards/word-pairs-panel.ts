import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { executeRows, type Database } from "@/db/client";
import type { Actor } from "../access";
import type { DashboardFilters } from "./filters";
import { open, rowsOf, scopedDecisions, viewTrustIds, type DashboardView, type ResolvedView } from "./scope";
import { NATIONAL_MIN_TRUSTS, SECONDARY, type Cell } from "./suppression";
import { type WordPairCount } from "./word-pairs";
import { countStoredWordPairsIn, inSnapshot } from "./word-pairs-store";

// Panel 5: word pairs, like the study's Figure 1.

export const WORD_PAIRS_MIN_DECISIONS = 5;
/** In the national view a pair is shown only if this many decisions, from this many trusts, use it. */
export const NATIONAL_MIN_PAIR_DECISIONS = 3;
export const NATIONAL_MIN_PAIR_TRUSTS = 3;

export type WordPairsPanel = {
  /** Decisions whose text was analysed. */
  decisions: Cell;
  /** False when fewer than WORD_PAIRS_MIN_DECISIONS decisions are in the set: no pairs are computed. */
  shown: boolean;
  pairs: WordPairCount[];
  /** The ICS view analyses only decisions shared with the system (confidential text stays with its trust). */
  sharedOnly: boolean;
  /** National view only: the set covers fewer than NATIONAL_MIN_TRUSTS trusts, so nothing is given. */
  tooFewTrusts?: true;
};

/**
 * The 20 most frequent word pairs in the summaries and rationales of the set (./word-pairs.ts),
 * counted in SQL from each decision's pairs kept when its text was frozen (./word-pairs-store.ts; the
 * text of a decision still queued for extraction is read and tokenised here, never returned). The ICS
 * lead's set is the decisions shared with the system, because pairs from a confidential decision would
 * leak its words. The national set is every decision, but a pair counts once per decision and shows
 * only when at least 3 decisions from at least 3 trusts use it (countWordPairsByDocument), so no one
 * trust's confidential words show; its `count` is then a number of decisions.
 */
export async function getWordPairsPanel(actor: Actor, view: DashboardView, filters: DashboardFilters): Promise<WordPairsPanel> {
  const { db, view: v, cell } = await open(actor, view);
  // Counting the pairs of every decision in view is still the dashboards' largest query (16 s nationally
  // at 1,000,000 decisions), so the answer is kept per view and filter set until a decision of the view's
  // trusts (or a trust itself) is written: the trusts' versions (decision_text_versions, bumped by the
  // commit trigger in the writing transaction) are read first, so a write committed while the pairs are
  // counted makes the next reader count again. (Access was checked by open() above, and the answer
  // depends only on the view and the filters, never on who asks.)
  const key = JSON.stringify([v.kind, v.kind === "national" ? null : v.orgId, filters]);
  const version = await trustsVersion(db, v);
  const hit = keptWordPairs.get(key);
  if (hit && hit.version === version) {
    keptWordPairs.delete(key);
    keptWordPairs.set(key, hit);
    return hit.panel;
  }
  const panel = await countPanelWordPairs(db, v, filters, cell);
  keptWordPairs.delete(key);
  keptWordPairs.set(key, { version, panel });
  if (keptWordPairs.size > 200) keptWordPairs.delete(keptWordPairs.keys().next().value!);
  return panel;
}

/** Word pairs by view and filter set, with the data version they were counted at (least recently used first). */
const keptWordPairs = new Map<string, { version: string; panel: WordPairsPanel }>();

/**
 * Changes whenever a decision of the view's trusts is written (decision_text_versions, bumped at each
 * commit by aggregate_flush) or the trusts themselves change (which trusts, their type, their ICS).
 */
async function trustsVersion(db: Database, v: ResolvedView): Promise<string> {
  const ids = v.kind === "national" ? null : viewTrustIds(v, {});
  const versions = ids === null ? sql`true` : sql`trust_id = any(${ids})`;
  const trusts = ids === null ? sql`o.kind = 'trust'` : sql`o.id = any(${ids})`;
  const [r] = await rowsOf<{ v: string }>(
    db,
    sql`select (select count(*)::text || ':' || coalesce(sum(version), 0)::text from decision_text_versions where ${versions})
      || ':' || (select md5(coalesce(string_agg(o.id::text || '/' || o.ods || '/' || coalesce(o.trust_type::text, '') || '/' || coalesce(o.ics_id::text, ''), ',' order by o.id), ''))
        from organisations o where ${trusts}) as v`,
  );
  return String(r?.v ?? "");
}

/**
 * The decisions whose words the panel counts, as a CTE body (id, trust_id, summary, rationale): the
 * view's set, and in the ICS view only those shared with the system.
 */
export function wordPairsScope(v: ResolvedView, filters: DashboardFilters): SQL {
  return sql`select id, trust_id, summary, rationale from (${scopedDecisions(v, filters, sql`, decisions.summary, decisions.rationale`)}) s
    ${v.kind === "ics" ? sql`where visibility = 'system'` : sql``}`;
}

/** The national rule for a pair (see getWordPairsPanel); undefined for a trust or ICS view. */
export function wordPairsRule(v: ResolvedView) {
  return v.kind === "national" ? { minDocs: NATIONAL_MIN_PAIR_DECISIONS, minGroups: NATIONAL_MIN_PAIR_TRUSTS } : undefined;
}

async function countPanelWordPairs(db: Database, v: ResolvedView, filters: DashboardFilters, cell: (n: number) => Cell): Promise<WordPairsPanel> {
  const sharedOnly = v.kind === "ics";
  const scope = wordPairsScope(v, filters);
  // The set's size and its pairs in one snapshot, so the count shown is that of the decisions counted.
  return inSnapshot(db, async (tx) => {
    const [size] = await executeRows<{ n: number; trusts: number }>(
      tx,
      sql`select count(*)::int as n, count(distinct trust_id)::int as trusts from (${scope}) s`,
    );
    const n = size?.n ?? 0;
    if (v.kind === "national" && (size?.trusts ?? 0) < NATIONAL_MIN_TRUSTS) {
      return { decisions: SECONDARY, shown: false, pairs: [], sharedOnly, tooFewTrusts: true as const };
    }
    // Nationally the number of decisions in the set is not given here: it would show the balance panel's
    // total even where that panel hides it to protect a small count.
    const decisions = v.kind === "national" ? SECONDARY : cell(n);
    if (n < WORD_PAIRS_MIN_DECISIONS) return { decisions, shown: false, pairs: [], sharedOnly };
    const pairs = await countStoredWordPairsIn(tx, scope, { limit: 20, byDocument: wordPairsRule(v) });
    return { decisions, shown: true, pairs, sharedOnly };
  });
}
