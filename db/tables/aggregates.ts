// Kept aggregates (issue 16): small tables the dashboards read instead of scanning every decision.
// They are kept exact by database triggers (migration *_h16_aggregates_sql): every write to decisions,
// factors, success criteria or outcomes marks its decision dirty, and at commit, in the same
// transaction, the dirty decisions' old contributions are taken away and their new ones added. No lib
// write code takes part, so every write path (lib, import, generator, raw SQL) keeps them exact.
// No foreign keys: the rows follow the base tables through the triggers alone.
// `npm run aggregates:rebuild` recomputes them; `npm run aggregates:check` compares them with a recount.
import { sql } from "drizzle-orm";
import { bigint, boolean, date, doublePrecision, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { decisions } from "./core";

/**
 * One row per counted decision (submitted at least once, not a draft): the dimensions the dashboards
 * filter and group by, and its latest outcome per live criterion. Text-free. Empty string = none.
 */
export const aggregateDecisions = pgTable(
  "aggregate_decisions",
  {
    decisionId: uuid("decision_id").primaryKey(),
    trustId: uuid("trust_id").notNull(),
    authorId: uuid("author_id").notNull(),
    /** NHS financial-year quarter of decided_on ("2025-Q1"), '' when no date. */
    quarter: text("quarter").notNull(),
    category: text("category").notNull(),
    favoured: text("favoured").notNull(),
    status: text("status").notNull(),
    visibility: text("visibility").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    signedOffAt: timestamp("signed_off_at", { withTimezone: true }),
    /** Days from submission to sign-off (null unless both are set). */
    signOffDays: doublePrecision("sign_off_days"),
    met: integer("met").notNull(),
    partlyMet: integer("partly_met").notNull(),
    notMet: integer("not_met").notNull(),
    unknown: integer("unknown").notNull(),
    factors: text("factors").array().notNull(),
    /**
     * Judged-by dates (sorted) of its live success criteria with no assessment yet: whether a review is
     * due depends on today, so the dates are kept and compared at read time (lib/review-due.ts's rule).
     */
    pendingDue: date("pending_due", { mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
    /** Chair's action: 'awaiting', 'ratified', 'not_ratified', or '' when none. */
    ratification: text("ratification").notNull().default(""),
    /** Days from Chair's action to the board's resolution on it (null unless ratified or not ratified). */
    actionLagDays: doublePrecision("action_lag_days"),
    /** A risk was recorded (decision_risks), it is outside the board's appetite, and in which domains. */
    hasRisks: boolean("has_risks").notNull().default(false),
    outsideAppetite: boolean("outside_appetite").notNull().default(false),
    outsideDomains: text("outside_domains").array().notNull().default(sql`'{}'::text[]`),
    /**
     * Reciprocity (ICS view): the other organisations it names as benefiting, and the £k named for each
     * (null where none), as parallel arrays in one order (decision_organisations, role 'benefits').
     */
    benefitOrgs: uuid("benefit_orgs").array().notNull().default(sql`'{}'::uuid[]`),
    benefitK: integer("benefit_k").array().notNull().default(sql`'{}'::integer[]`),
  },
  (t) => [
    index("aggregate_decisions_trust_idx").on(t.trustId, t.status),
    // The national sign-off median reads only the values in the median's one-hour bucket (lib/dashboards/sign-off-summary-panel.ts).
    index("aggregate_decisions_sign_off_days_idx").on(t.signOffDays).where(sql`${t.signOffDays} is not null`),
    index("aggregate_decisions_ratification_idx").on(t.ratification).where(sql`${t.ratification} <> ''`),
    // Trust and ICS views (issue 16, g16d): a trust's sign-off times in order (the median reads only the
    // middle day's values), its signed-off decisions by first pending date (reviews due, the inbox), and
    // its decisions signed off by Chair's action (the lag median).
    index("aggregate_decisions_trust_sign_off_days_idx").on(t.trustId, t.signOffDays).where(sql`${t.signOffDays} is not null`),
    index("aggregate_decisions_trust_due_idx").on(t.trustId, sql`(${t.pendingDue}[1])`).where(sql`${t.status} = 'signed_off'`),
    index("aggregate_decisions_trust_ratification_idx").on(t.trustId, t.ratification).where(sql`${t.ratification} <> ''`),
  ],
);

/**
 * Counts of counted decisions by every key the dashboards filter or group on. trust_type and ICS come
 * from the trust (organisations) at read time. Rows whose `decisions` fell to 0 may stay: read > 0.
 */
export const aggregateCounts = pgTable(
  "aggregate_counts",
  {
    trustId: uuid("trust_id").notNull(),
    authorId: uuid("author_id").notNull(),
    quarter: text("quarter").notNull(),
    category: text("category").notNull(),
    favoured: text("favoured").notNull(),
    status: text("status").notNull(),
    visibility: text("visibility").notNull(),
    decisions: integer("decisions").notNull(),
    /** Decisions with at least one assessed (live) criterion. */
    assessedDecisions: integer("assessed_decisions").notNull(),
    met: integer("met").notNull(),
    partlyMet: integer("partly_met").notNull(),
    notMet: integer("not_met").notNull(),
    unknown: integer("unknown").notNull(),
    /** Decisions with both a submission and a sign-off time. */
    timed: integer("timed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trustId, t.authorId, t.quarter, t.category, t.favoured, t.status, t.visibility] })],
);

/** Counted decisions by the same keys and one factor weighed. */
export const aggregateFactorCounts = pgTable(
  "aggregate_factor_counts",
  {
    trustId: uuid("trust_id").notNull(),
    authorId: uuid("author_id").notNull(),
    quarter: text("quarter").notNull(),
    category: text("category").notNull(),
    favoured: text("favoured").notNull(),
    status: text("status").notNull(),
    visibility: text("visibility").notNull(),
    factor: text("factor").notNull(),
    decisions: integer("decisions").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trustId, t.authorId, t.quarter, t.category, t.favoured, t.status, t.visibility, t.factor] })],
);

/** Decisions written by the open transaction, refreshed at its commit (then deleted). */
export const aggregateDirty = pgTable(
  "aggregate_dirty",
  {
    xid: bigint("xid", { mode: "number" }).notNull(),
    decisionId: uuid("decision_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.xid, t.decisionId] })],
);

/**
 * Coarse national roll-ups of aggregate_counts (issue 16): the same figures summed over one dimension
 * at a time, so the national panels read hundreds of rows, not one per key. `dim` is 'trust' (key =
 * trust id: totals, trust type and ICS, trusts counted), 'category', 'quarter' ('' when undated) or
 * 'author' (key = author id: Chief Executives counted). Kept by the same commit trigger as
 * aggregate_counts (migration *_g16a_national_rollups_sql). Rows whose counts fell to 0 may stay.
 */
export const aggregateRollups = pgTable(
  "aggregate_rollups",
  {
    dim: text("dim").notNull(),
    key: text("key").notNull(),
    favoured: text("favoured").notNull(),
    status: text("status").notNull(),
    decisions: integer("decisions").notNull(),
    assessedDecisions: integer("assessed_decisions").notNull(),
    met: integer("met").notNull(),
    partlyMet: integer("partly_met").notNull(),
    notMet: integer("not_met").notNull(),
    unknown: integer("unknown").notNull(),
    timed: integer("timed").notNull(),
  },
  (t) => [primaryKey({ columns: [t.dim, t.key, t.status, t.favoured] })],
);

/**
 * Roll-ups by trust (issue 16, g16d): each trust's counted decisions summed over one dimension at a time
 * (`dim`, `key`) by status, side and visibility, so a trust or ICS view reads a few hundred rows per
 * trust, not one per decision. Dimensions (aggregate_trust_rollup_keys(), migration *_g16d_trust_rollups_sql):
 * 'all' (key ''), 'author', 'category', 'quarter' ('' when undated), 'factor_author' ("factor|author id"),
 * 'signoff_day' (whole days from submission to sign-off), 'ratification', 'risk_recorded', 'outside',
 * 'outside_domain', 'gave' (decisions naming another organisation as benefiting; amount: the £k named in
 * all) and 'benefit' (key: the organisation named; amount: the £k named for it). `amount_n` counts the
 * amounts named (a sum of none is no amount, not £0). Kept by the same commit trigger; rows whose
 * figures fell to 0 may stay.
 */
export const aggregateTrustRollups = pgTable(
  "aggregate_trust_rollups",
  {
    trustId: uuid("trust_id").notNull(),
    dim: text("dim").notNull(),
    key: text("key").notNull(),
    status: text("status").notNull(),
    favoured: text("favoured").notNull(),
    visibility: text("visibility").notNull(),
    decisions: integer("decisions").notNull(),
    assessedDecisions: integer("assessed_decisions").notNull(),
    met: integer("met").notNull(),
    partlyMet: integer("partly_met").notNull(),
    notMet: integer("not_met").notNull(),
    unknown: integer("unknown").notNull(),
    timed: integer("timed").notNull(),
    amountK: bigint("amount_k", { mode: "number" }).notNull(),
    amountN: integer("amount_n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trustId, t.dim, t.key, t.status, t.favoured, t.visibility] })],
);

/**
 * A version per trust of its decisions' data (issue 16): bumped at the commit of any transaction that
 * wrote one of its decisions (aggregate_flush calls aggregate_touch(), migration
 * *_g16d_text_versions_sql), and for every trust by aggregate_rebuild(). The word-pairs panel keeps its
 * counts per view and filters until the versions of the view's trusts change: another trust's writes,
 * sign-ins and the like leave it be.
 */
export const decisionTextVersions = pgTable("decision_text_versions", {
  trustId: uuid("trust_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull(),
});

/**
 * The word pairs of each counted decision's current text (summary, a line break, rationale), extracted
 * once when the text is frozen (lib/dashboards/word-pairs-store.ts, with the tokeniser of
 * lib/dashboards/word-pairs.ts), so the word-pairs panel counts them in SQL instead of reading and
 * tokenising every decision's text. `n`: how many times the pair occurs in that text (ICS and trust
 * views add these up; the national view counts decisions).
 */
export const decisionWordPairs = pgTable(
  "decision_word_pairs",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "cascade" }),
    pair: text("pair").notNull(),
    n: integer("n").notNull(),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.pair] })],
);

/**
 * Counted decisions whose text changed (or that became counted) and whose pairs are not extracted yet:
 * a row trigger on `decisions` queues them and drops their old pairs in the writing transaction
 * (migration *_g16e_word_pairs_sql); the writes that freeze text extract them in the same transaction,
 * and a background pass any that remain. Readers tokenise a queued decision's text themselves, so the
 * panel is exact whatever is queued.
 */
export const decisionWordPairsPending = pgTable("decision_word_pairs_pending", {
  decisionId: uuid("decision_id")
    .primaryKey()
    .references(() => decisions.id, { onDelete: "cascade" }),
});
