import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";

// ---------------------------------------------------------------- closed sets

export const orgKind = pgEnum("org_kind", ["national", "ics", "trust"]);
export const trustType = pgEnum("trust_type", [
  "acute",
  "mental_health",
  "community",
  "specialist",
  "ambulance",
  "combined",
]);
export const role = pgEnum("role", [
  "chief_executive",
  "board_member",
  "ics_lead",
  "national_analyst",
  "admin",
  "company_secretary",
]);
export const boardSeat = pgEnum("board_seat", ["chair", "non_executive", "executive"]);
export const decisionStatus = pgEnum("decision_status", [
  "draft",
  "awaiting_sign_off",
  "signed_off",
  "declined",
  "reviewed",
  "withdrawn",
]);
export const favoured = pgEnum("favoured", ["system", "trust"]);
export const category = pgEnum("category", [
  "finance",
  "service",
  "contracting",
  "workforce",
  "estates",
  "capacity",
  "governance",
]);
export const factor = pgEnum("factor", [
  "population_outcomes",
  "financial_stability",
  "regulatory_standing",
  "relationships_reciprocity",
  "local_context_demand",
  "workforce",
  "economies_of_scale",
  "prevention_root_causes",
  "board_risk_appetite",
  "contracting_payment",
]);
export const visibility = pgEnum("visibility", ["trust", "system"]);
export const financialPosition = pgEnum("financial_position", ["surplus", "breakeven", "deficit"]);
export const orgLinkRole = pgEnum("org_link_role", ["benefits", "bears_cost"]);
export const positionKind = pgEnum("position_kind", ["support", "object", "abstain"]);
export const forum = pgEnum("forum", ["public_board", "private_session", "chairs_action"]);
export const outcome = pgEnum("outcome", ["met", "partly_met", "not_met", "unknown"]);
export const tokenScope = pgEnum("token_scope", ["read", "write"]);
/** Chair's action (issue 14): awaiting ratification by the next board meeting, ratified, or not ratified. */
export const ratificationState = pgEnum("ratification_state", ["awaiting", "ratified", "not_ratified"]);

const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

// ---------------------------------------------------------------- organisations and people

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: orgKind("kind").notNull(),
    name: text("name").notNull(),
    ods: text("ods").notNull(),
    icsId: uuid("ics_id").references((): AnyPgColumn => organisations.id, { onDelete: "restrict" }),
    trustType: trustType("trust_type"),
    foundationTrust: boolean("foundation_trust").notNull().default(false),
    /** Annual turnover to the nearest £10m, in £m. */
    turnoverM: integer("turnover_m"),
    /** Sign-off policy (trusts): minimum supporting board members, and whether the Chair must be one. */
    signOffMinSupport: integer("sign_off_min_support").notNull().default(3),
    signOffChairRequired: boolean("sign_off_chair_required").notNull().default(true),
    /** Standing orders (issue 14): non-executive directors who must support with the Chair for Chair's action (1 or 2). */
    chairsActionNeds: integer("chairs_action_neds").notNull().default(1),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("organisations_ods_key").on(t.ods),
    index("organisations_ics_id_idx").on(t.icsId),
    index("organisations_kind_idx").on(t.kind),
    index("organisations_trust_type_idx").on(t.trustType),
  ],
);
export type Organisation = typeof organisations.$inferSelect;

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Always stored lower-cased. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    passwordHash: text("password_hash"), // null: invited and not yet set, or single sign-on only
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    /** Bumped on disable and password reset: sessions carrying an older value end at the next request. */
    sessionVersion: integer("session_version").notNull().default(1),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);
export type User = typeof users.$inferSelect;

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    role: role("role").notNull(),
    /** Board members only. */
    seat: boardSeat("seat"),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("memberships_user_org_role_key").on(t.userId, t.organisationId, t.role),
    index("memberships_organisation_id_idx").on(t.organisationId),
    index("memberships_user_id_idx").on(t.userId),
  ],
);
export type Membership = typeof memberships.$inferSelect;

// ---------------------------------------------------------------- decisions

export const decisions = pgTable(
  "decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trustId: uuid("trust_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    title: text("title").notNull(),
    summary: text("summary").notNull().default(""),
    contextFinancialPosition: financialPosition("context_financial_position"),
    /** Surplus or deficit in £m (signed; deficit negative). */
    // £m to one decimal place (a £12.5m deficit is -12.5).
    contextFinancialAmountM: doublePrecision("context_financial_amount_m"),
    contextRegulatorRating: text("context_regulator_rating").notNull().default(""),
    contextNotes: text("context_notes").notNull().default(""),
    options: text("options").notNull().default(""),
    rationale: text("rationale").notNull().default(""),
    /** Nullable only while a draft; required to submit. */
    favoured: favoured("favoured"),
    category: category("category"),
    /** Estimated impact in £k, signed: negative is a cost. */
    impactTrustK: integer("impact_trust_k"),
    impactTrustText: text("impact_trust_text").notNull().default(""),
    impactSystemK: integer("impact_system_k"),
    impactSystemText: text("impact_system_text").notNull().default(""),
    decidedOn: date("decided_on", { mode: "string" }),
    visibility: visibility("visibility").notNull().default("trust"),
    status: decisionStatus("status").notNull().default("draft"),
    /** Number of the latest frozen version (0 until first submitted). */
    version: integer("version").notNull().default(0),
    /** Optimistic-lock counter: bumped by every write to the decision; edits carry the one they read. */
    revision: integer("revision").notNull().default(1),
    contentHash: text("content_hash"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    signedOffAt: timestamp("signed_off_at", { withTimezone: true }),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
    withdrawReason: text("withdraw_reason"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    /** Set when a version is frozen: some domain's risk is above the board's appetite in force (db/tables/risk.ts). */
    outsideAppetite: boolean("outside_appetite").notNull().default(false),
    // Chair's action (issue 14): marked urgent by the Chief Executive with a reason; signed off between
    // meetings by the Chair and non-executive director(s); ratified (or not) at the next board meeting.
    urgent: boolean("urgent").notNull().default(false),
    urgentReason: text("urgent_reason").notNull().default(""),
    urgentAt: timestamp("urgent_at", { withTimezone: true }),
    /** Null: not signed off by Chair's action. */
    ratification: ratificationState("ratification"),
    chairsActionAt: timestamp("chairs_action_at", { withTimezone: true }),
    /** When the board resolved to ratify it or not. */
    ratificationDecidedAt: timestamp("ratification_decided_at", { withTimezone: true }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("decisions_trust_id_idx").on(t.trustId),
    index("decisions_trust_ratification_idx").on(t.trustId, t.ratification),
    index("decisions_author_id_idx").on(t.authorId),
    index("decisions_trust_status_idx").on(t.trustId, t.status),
    index("decisions_status_idx").on(t.status),
    index("decisions_favoured_idx").on(t.favoured),
    index("decisions_category_idx").on(t.category),
    index("decisions_decided_on_idx").on(t.decidedOn),
    index("decisions_trust_decided_on_idx").on(t.trustId, t.decidedOn),
    // A trust's latest decisions first, in the registers' order (the dashboards' register panel reads
    // each trust's first ten, issue 16).
    index("decisions_trust_latest_idx").on(t.trustId, t.decidedOn.desc().nullsLast(), t.id),
    index("decisions_search_idx").using(
      "gin",
      sql`to_tsvector('english', ${t.title} || ' ' || ${t.summary} || ' ' || ${t.rationale})`,
    ),
  ],
);
export type Decision = typeof decisions.$inferSelect;

/** A frozen version: the canonical content (decision + criteria) and its SHA-256. */
export const decisionVersions = pgTable(
  "decision_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    content: jsonb("content").notNull(),
    contentHash: text("content_hash").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: created(),
  },
  (t) => [
    uniqueIndex("decision_versions_decision_version_key").on(t.decisionId, t.version),
    index("decision_versions_created_by_id_idx").on(t.createdById),
  ],
);
export type DecisionVersion = typeof decisionVersions.$inferSelect;

export const decisionFactors = pgTable(
  "decision_factors",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    factor: factor("factor").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.decisionId, t.factor] }),
    index("decision_factors_factor_idx").on(t.factor),
  ],
);

/** Organisations that benefit from, or bear the cost of, a decision. */
export const decisionOrganisations = pgTable(
  "decision_organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    role: orgLinkRole("role").notNull(),
    amountK: integer("amount_k"),
  },
  (t) => [
    index("decision_organisations_decision_id_idx").on(t.decisionId),
    index("decision_organisations_organisation_id_idx").on(t.organisationId),
    index("decision_organisations_role_idx").on(t.role),
  ],
);

export const successCriteria = pgTable(
  "success_criteria",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    /** Order on the form. */
    ordinal: integer("ordinal").notNull().default(0),
    statement: text("statement").notNull(),
    measure: text("measure").notNull().default(""),
    baseline: text("baseline").notNull().default(""),
    target: text("target").notNull().default(""),
    judgedBy: date("judged_by", { mode: "string" }),
    /** Set when an amendment removes the criterion; rows are never deleted once frozen. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [
    index("success_criteria_decision_id_idx").on(t.decisionId),
    index("success_criteria_judged_by_idx").on(t.judgedBy),
  ],
);
export type SuccessCriterion = typeof successCriteria.$inferSelect;

/** An assessment of a criterion. Recording again adds a newer row; the latest counts. */
export const criterionOutcomes = pgTable(
  "criterion_outcomes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    criterionId: uuid("criterion_id")
      .notNull()
      .references(() => successCriteria.id, { onDelete: "restrict" }),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    outcome: outcome("outcome").notNull(),
    evidence: text("evidence").notNull().default(""),
    /** The value actually measured, beside the criterion's target ("2,650 waiters"). */
    actualValue: text("actual_value").notNull().default(""),
    /** A link to a document holding the evidence (files come with the governance issue). */
    evidenceUrl: text("evidence_url").notNull().default(""),
    assessedOn: date("assessed_on", { mode: "string" }).notNull(),
    assessedById: uuid("assessed_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: created(),
  },
  (t) => [
    index("criterion_outcomes_criterion_id_idx").on(t.criterionId, t.createdAt),
    index("criterion_outcomes_decision_id_idx").on(t.decisionId),
    index("criterion_outcomes_assessed_by_id_idx").on(t.assessedById),
    index("criterion_outcomes_outcome_idx").on(t.outcome),
  ],
);

/** A board member's position on an exact version. Never edited: a change of mind is a new row. */
export const positions = pgTable(
  "positions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    decisionVersion: integer("decision_version").notNull(),
    contentHash: text("content_hash").notNull(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    seat: boardSeat("seat").notNull(),
    position: positionKind("position").notNull(),
    comment: text("comment").notNull().default(""),
    forum: forum("forum").notNull(),
    conflictDeclared: boolean("conflict_declared").notNull().default(false),
    conflictDescription: text("conflict_description"),
    /** The member's earlier position on the same version that this one replaces. */
    supersedesId: uuid("supersedes_id").references((): AnyPgColumn => positions.id, { onDelete: "restrict" }),
    /** Set when the Company Secretary recorded this position at a meeting (issue 13): who recorded it, and the meeting (meetings.id). */
    recordedById: uuid("recorded_by_id").references(() => users.id, { onDelete: "restrict" }),
    recordedAtMeetingId: uuid("recorded_at_meeting_id"),
    createdAt: created(),
  },
  (t) => [
    index("positions_decision_version_idx").on(t.decisionId, t.decisionVersion),
    index("positions_recorded_by_id_idx").on(t.recordedById),
    index("positions_recorded_at_meeting_id_idx").on(t.recordedAtMeetingId),
    index("positions_member_id_idx").on(t.memberId),
    index("positions_supersedes_id_idx").on(t.supersedesId),
  ],
);
export type Position = typeof positions.$inferSelect;

export const comments = pgTable(
  "comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull(),
    isQuestion: boolean("is_question").notNull().default(false),
    /** Set on an answer: the question it answers. */
    answersId: uuid("answers_id").references((): AnyPgColumn => comments.id, { onDelete: "restrict" }),
    createdAt: created(),
  },
  (t) => [
    index("comments_decision_id_idx").on(t.decisionId, t.createdAt),
    index("comments_author_id_idx").on(t.authorId),
    index("comments_answers_id_idx").on(t.answersId),
  ],
);

// ---------------------------------------------------------------- audit

/**
 * Append-only, hash-chained. One chain per organisation ("org:<uuid>"), and "platform" for events
 * that belong to none. A trigger refuses UPDATE, DELETE and TRUNCATE (migration 0001).
 */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    chain: text("chain").notNull(),
    seq: integer("seq").notNull(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "restrict" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "restrict" }),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("audit_events_chain_seq_key").on(t.chain, t.seq),
    index("audit_events_organisation_id_idx").on(t.organisationId),
    // (actor, time): the read-after-write rule asks "did this person write in the last seconds?" (db/client.ts getReadDb).
    index("audit_events_actor_created_idx").on(t.actorId, t.createdAt),
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
  ],
);
export type AuditEvent = typeof auditEvents.$inferSelect;

/** The head of each chain; its row lock serialises appends to one chain. */
export const auditHeads = pgTable("audit_heads", {
  chain: text("chain").primaryKey(),
  seq: integer("seq").notNull(),
  hash: text("hash").notNull(),
});

// ---------------------------------------------------------------- sign-in, tokens, limits

export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    email: text("email").notNull(),
    ip: text("ip").notNull(),
    success: boolean("success").notNull(),
    createdAt: created(),
  },
  (t) => [
    index("login_attempts_email_idx").on(t.email, t.createdAt),
    index("login_attempts_ip_idx").on(t.ip, t.createdAt),
  ],
);

export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /** SHA-256 of the token; the token itself is shown once and never stored. */
    tokenHash: text("token_hash").notNull(),
    /** First characters, to tell tokens apart in the list. */
    prefix: text("prefix").notNull(),
    scope: tokenScope("scope").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: created(),
  },
  (t) => [uniqueIndex("api_tokens_token_hash_key").on(t.tokenHash), index("api_tokens_user_id_idx").on(t.userId)],
);
export type ApiToken = typeof apiTokens.$inferSelect;

/** Fixed-window counters for rate limits (per API token, per address), shared by every app server. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);
