// Word pairs kept per decision (issue 16): each counted decision's pairs are extracted once when its
// text is frozen, into decision_word_pairs, so the word-pairs panel counts them in SQL instead of
// reading every decision's text into the server and tokenising it (29 s nationally at 1,000,000
// decisions, against 16 s from the kept pairs). The queue (decision_word_pairs_pending) is filled by a row trigger on `decisions`
// (migration *_g16e_word_pairs_sql) whatever wrote the text; the writes that freeze text empty it for
// their decisions in the same transaction (extractWordPairs), a background pass empties the rest
// (drainWordPairs), and the panel tokenises any decision still queued itself (countStoredWordPairs), so
// what it shows is exact whatever the queue holds. Maintenance (drain, check) runs from start-up,
// scripts and tests, never from a page.
import { sql, type SQL } from "drizzle-orm";
import { executeRows, type Database, type DbOrTx, type Tx } from "@/db/client";
import { mergeStoredPairCounts, pairCountsByText, type StoredPairCounts, type WordPairCount } from "./word-pairs";

/** The text a decision's pairs come from: a pair never spans the summary and the rationale. */
export const decisionText = (summary: string, rationale: string) => `${summary}\n${rationale}`;

/** A list as one SQL array parameter (drizzle would spread a JavaScript array into a row of them). */
const listOf = (xs: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;

/** Rows per insert statement (three parameters each, well inside PostgreSQL's 65,535). */
const INSERT_CHUNK = 5000;

async function writePairs(db: DbOrTx, rows: { id: string; summary: string; rationale: string }[]): Promise<number> {
  if (!rows.length) return 0;
  const ids = rows.map((r) => r.id);
  const maps = pairCountsByText(rows.map((r) => decisionText(r.summary, r.rationale)));
  const values: SQL[] = [];
  rows.forEach((r, i) => {
    for (const [pair, n] of maps[i]) values.push(sql`(${r.id}::uuid, ${pair}, ${n}::int)`);
  });
  await db.execute(sql`delete from decision_word_pairs where decision_id = any(${listOf(ids)}::uuid[])`);
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    await db.execute(sql`insert into decision_word_pairs (decision_id, pair, n) values ${sql.join(values.slice(i, i + INSERT_CHUNK), sql`, `)}`);
  }
  await db.execute(sql`delete from decision_word_pairs_pending where decision_id = any(${listOf(ids)}::uuid[])`);
  return rows.length;
}

/**
 * Extracts the pairs of the given decisions that are queued, inside the caller's transaction: the
 * writes that freeze text call it after writing the decision row (which they hold locked), so the
 * decision leaves the queue in the transaction that put it there. Answers how many were extracted.
 */
export async function extractWordPairs(tx: DbOrTx, decisionIds: string[]): Promise<number> {
  if (!decisionIds.length) return 0;
  const rows = await executeRows<{ id: string; summary: string; rationale: string }>(
    tx,
    sql`select d.id, d.summary, d.rationale from decision_word_pairs_pending p join decisions d on d.id = p.decision_id
        where p.decision_id = any(${listOf(decisionIds)}::uuid[])`,
  );
  return writePairs(tx, rows);
}

/**
 * Queues every counted decision again and drops all kept pairs, in the caller's transaction (the
 * rebuild; then drainWordPairs). It first locks decision_word_pairs against writes, so no pairs
 * extracted by a transaction that commits meanwhile survive beside their decision's new queue row
 * (which the panel would count twice); readers carry on.
 */
export async function requeueAllWordPairs(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`lock table decision_word_pairs in exclusive mode`);
  await tx.execute(sql`delete from decision_word_pairs`);
  await tx.execute(sql`insert into decision_word_pairs_pending (decision_id) select id from decisions where version > 0 on conflict do nothing`);
}

/**
 * Extracts queued decisions in batches, each its own transaction, until the queue is empty (or
 * `maxBatches` ran). A batch locks the queue rows and their decisions and skips any another
 * transaction holds: a writer changing that text will queue it again at its commit, and another
 * server draining takes the rest. Answers how many were extracted.
 */
export async function drainWordPairs(db: Database, opts: { batch?: number; maxBatches?: number } = {}): Promise<number> {
  const batch = opts.batch ?? 500;
  let done = 0;
  for (let i = 0; i < (opts.maxBatches ?? Infinity); i++) {
    const n = await db.transaction(async (tx) => {
      const rows = await executeRows<{ id: string; summary: string; rationale: string }>(
        tx,
        sql`select d.id, d.summary, d.rationale from decision_word_pairs_pending p join decisions d on d.id = p.decision_id
            order by p.decision_id limit ${batch} for update of p, d skip locked`,
      );
      return writePairs(tx, rows);
    });
    done += n;
    if (n < batch) break;
  }
  return done;
}

export type WordPairDifference = { decisionId: string; kept: string; recount: string };

/**
 * Compares every counted decision's kept pairs with its text tokenised again (queued decisions must
 * have none kept), in batches in one snapshot. Answers up to 100 differences (none when exact).
 */
export async function checkWordPairs(db: Database): Promise<WordPairDifference[]> {
  return inSnapshot(db, async (tx) => {
    const out: WordPairDifference[] = [];
    let after = "00000000-0000-0000-0000-000000000000";
    for (;;) {
      const rows = await executeRows<{ id: string; summary: string; rationale: string; queued: boolean; kept: Record<string, number> | null }>(
        tx,
        sql`select d.id, d.summary, d.rationale, (p.decision_id is not null) as queued,
              (select jsonb_object_agg(w.pair, w.n) from decision_word_pairs w where w.decision_id = d.id) as kept
            from decisions d left join decision_word_pairs_pending p on p.decision_id = d.id
            where d.id > ${after}::uuid and (d.version > 0 or exists (select 1 from decision_word_pairs w where w.decision_id = d.id))
            order by d.id limit 2000`,
      );
      if (!rows.length) return out;
      after = rows[rows.length - 1].id;
      const maps = pairCountsByText(rows.map((r) => decisionText(r.summary, r.rationale)));
      rows.forEach((r, i) => {
        const kept = canonical(new Map(Object.entries(r.kept ?? {})));
        const recount = r.queued ? "(queued: none kept)" : canonical(maps[i]);
        if ((r.queued && r.kept) || (!r.queued && kept !== recount)) out.push({ decisionId: r.id, kept, recount });
      });
      if (out.length >= 100) return out.slice(0, 100);
    }
  });
}

const canonical = (m: Map<string, number>) =>
  JSON.stringify([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/**
 * Runs `fn` in one read-only REPEATABLE READ transaction: every statement sees the same snapshot, so a
 * decision extracted (or queued again) by another transaction meanwhile is counted once, on one side.
 */
export function inSnapshot<T>(db: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(fn, { isolationLevel: "repeatable read", accessMode: "read only" });
}

/**
 * The top `limit` pairs of a set of decisions (`scope`: a CTE body with id, trust_id and the decision's
 * summary and rationale), exact whatever is queued, in one snapshot (countStoredWordPairsIn).
 */
export function countStoredWordPairs(db: Database, scope: SQL, opts: PairCountOptions): Promise<WordPairCount[]> {
  return inSnapshot(db, (tx) => countStoredWordPairsIn(tx, scope, opts));
}

type PairCountOptions = { limit: number; byDocument?: { minDocs: number; minGroups: number } };

/**
 * countStoredWordPairs inside the caller's snapshot (inSnapshot). One statement reads the top kept pairs
 * (SQL over decision_word_pairs, the top `limit` with ties) and the text of any decision of the set
 * still queued; when none is, that is the answer. Otherwise the queued texts are tokenised, their pairs'
 * kept counts read by name, and the two merged (mergeStoredPairCounts). `byDocument`: the national
 * rule, a pair counted once per decision and shown only from minDocs decisions of minGroups trusts.
 */
export async function countStoredWordPairsIn(tx: Tx, scope: SQL, opts: PairCountOptions): Promise<WordPairCount[]> {
  const { top, queued } = await topAndQueued(tx, scope, opts);
  if (!queued.length) return mergeStoredPairCounts({ top, named: new Map() }, [], opts);
  const maps = pairCountsByText(queued.map((r) => decisionText(r.summary, r.rationale)));
  const names = [...new Set(maps.flatMap((m) => [...m.keys()]))];
  const named: StoredPairCounts["named"] = new Map();
  const rows = await executeRows<{ pair: string; trust_id: string; count: number }>(
    tx,
    sql`with s as (${scope})
        select w.pair, s.trust_id, ${opts.byDocument ? sql`count(*)` : sql`sum(w.n)`}::int as count
        from decision_word_pairs w join s on s.id = w.decision_id
        where w.pair = any(${listOf(names)}) group by 1, 2`,
  );
  for (const r of rows) {
    let e = named.get(r.pair);
    if (e === undefined) named.set(r.pair, (e = { count: 0, groups: new Set() }));
    e.count += r.count;
    e.groups!.add(r.trust_id);
  }
  return mergeStoredPairCounts({ top, named }, queued.map((r, i) => ({ group: r.trust_id, pairs: maps[i] })), opts);
}

/** The top kept pairs of the set and the text of its queued decisions, in one statement (one snapshot). */
async function topAndQueued(db: DbOrTx, scope: SQL, opts: PairCountOptions) {
  const by = opts.byDocument;
  const rows = await executeRows<{ pair: string | null; count: number | null; trust_id: string | null; summary: string | null; rationale: string | null }>(
    db,
    // `not materialized`: the set is read twice (its pairs, its queued decisions) rather than copied, texts and all.
    sql`with s as not materialized (${scope}),
      top as (${
        by
          ? sql`select pair, sum(c)::int as count
              from (select w.pair, s.trust_id, count(*) as c from decision_word_pairs w join s on s.id = w.decision_id group by 1, 2) per_trust
              group by pair having sum(c) >= ${by.minDocs} and count(*) >= ${by.minGroups}
              order by count desc fetch first ${opts.limit} rows with ties`
          : // A trust's or ICS's set (hundreds to thousands) as an array first, then its pairs by index: a
            // join let PostgreSQL scan every decision in parallel (48 ms against 8 for a trust of 328).
            sql`select w.pair, sum(w.n)::int as count from decision_word_pairs w where w.decision_id = any(array(select id from s))
              group by w.pair order by count desc fetch first ${opts.limit} rows with ties`
      })
      select pair, count, null::uuid as trust_id, null::text as summary, null::text as rationale from top
      union all
      select null, null, s.trust_id, s.summary, s.rationale from s join decision_word_pairs_pending p on p.decision_id = s.id`,
  );
  const top: { pair: string; count: number }[] = [];
  const queued: { trust_id: string; summary: string; rationale: string }[] = [];
  for (const r of rows) {
    if (r.pair !== null) top.push({ pair: r.pair, count: Number(r.count) });
    else queued.push({ trust_id: r.trust_id!, summary: r.summary!, rationale: r.rationale! });
  }
  return { top, queued };
}
