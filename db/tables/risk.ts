// Risk appetite (issue 14): each trust board's statement of how much risk it will take in each domain,
// kept as dated versions, and the risk each decision takes, compared with the statement in force when
// the decision is submitted or amended (decisions.outside_appetite, and the version content).
import { index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decisions, organisations, users } from "./core";

/** The domains of the board's appetite, in the order every page and table shows them. */
export const riskDomain = pgEnum("risk_domain", [
  "finance",
  "quality_safety",
  "compliance_regulatory",
  "reputation",
  "workforce",
  "partnerships_system",
]);
/** The Good Governance Institute scale, lowest first (the order compares levels). */
export const riskLevel = pgEnum("risk_level", ["averse", "minimal", "cautious", "open", "seek", "significant"]);

/**
 * One version of a trust's risk appetite statement. Never updated: a change inserts the next version;
 * the one in force is the highest version of the trust.
 */
export const riskAppetiteStatements = pgTable(
  "risk_appetite_statements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trustId: uuid("trust_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    version: integer("version").notNull(),
    /** Why the board changed it (optional words for the version list). */
    note: text("note").notNull().default(""),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("risk_appetite_statements_trust_version_key").on(t.trustId, t.version),
    index("risk_appetite_statements_created_by_id_idx").on(t.createdById),
  ],
);
export type RiskAppetiteStatement = typeof riskAppetiteStatements.$inferSelect;

/** A statement's level and sentence for one domain (a domain left out has no appetite stated). */
export const riskAppetiteLevels = pgTable(
  "risk_appetite_levels",
  {
    statementId: uuid("statement_id")
      .notNull()
      .references(() => riskAppetiteStatements.id, { onDelete: "restrict" }),
    domain: riskDomain("domain").notNull(),
    level: riskLevel("level").notNull(),
    statement: text("statement").notNull(),
  },
  (t) => [primaryKey({ columns: [t.statementId, t.domain] })],
);

/** The risk a decision takes in one domain, with the reason (part of the decision's content). */
export const decisionRisks = pgTable(
  "decision_risks",
  {
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    domain: riskDomain("domain").notNull(),
    level: riskLevel("level").notNull(),
    reason: text("reason").notNull().default(""),
  },
  (t) => [primaryKey({ columns: [t.decisionId, t.domain] }), index("decision_risks_domain_idx").on(t.domain)],
);
export type DecisionRisk = typeof decisionRisks.$inferSelect;
