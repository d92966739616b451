// Board meetings (issue 13): the meeting, its agenda with cover sheets, attendance, declarations of
// interest, and the board's resolution per decision item. Re-exported from db/schema.ts.
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decisions, organisations, users } from "./core";

export const meetingKind = pgEnum("meeting_kind", ["public_board", "private_board", "committee"]);
export const meetingStatus = pgEnum("meeting_status", ["planned", "held", "minuted"]);
export const attendanceKind = pgEnum("attendance_kind", ["present", "apologies", "in_attendance"]);
export const resolutionKind = pgEnum("resolution_kind", ["approved", "not_approved", "deferred"]);

const created = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trustId: uuid("trust_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    kind: meetingKind("kind").notNull(),
    /** A committee's name (kind `committee`); empty otherwise. */
    committeeName: text("committee_name").notNull().default(""),
    location: text("location").notNull().default(""),
    status: meetingStatus("status").notNull().default("planned"),
    packIssuedAt: timestamp("pack_issued_at", { withTimezone: true }),
    packIssuedById: uuid("pack_issued_by_id").references(() => users.id, { onDelete: "restrict" }),
    /** SHA-256 of the approved minutes as uploaded when the meeting was marked minuted. */
    minutesSha256: text("minutes_sha256"),
    minutesFileName: text("minutes_file_name"),
    minutedAt: timestamp("minuted_at", { withTimezone: true }),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: created(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_trust_starts_idx").on(t.trustId, t.startsAt),
    index("meetings_created_by_id_idx").on(t.createdById),
    index("meetings_pack_issued_by_id_idx").on(t.packIssuedById),
  ],
);
export type Meeting = typeof meetings.$inferSelect;

/** The cover sheet of a decision item, in the NHS board-paper shape. */
export type CoverSheet = {
  purpose: "decision" | "ratification" | "information";
  recommendation: string;
  executiveLead: string;
  author: string;
  previouslyConsideredBy: string;
  strategicRisks: string;
};

/** An agenda item: a decision (frozen at the version current when the pack is issued) or a plain item. */
export const meetingItems = pgTable(
  "meeting_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    ordinal: integer("ordinal").notNull(),
    title: text("title").notNull(),
    presenter: text("presenter").notNull().default(""),
    decisionId: uuid("decision_id").references(() => decisions.id, { onDelete: "restrict" }),
    /** A decision signed off by Chair's action, put to this meeting for ratification (issue 14). */
    forRatification: boolean("for_ratification").notNull().default(false),
    /** The version and hash the board considers: set when the pack is issued. */
    packVersion: integer("pack_version"),
    packHash: text("pack_hash"),
    cover: jsonb("cover").$type<CoverSheet>(),
    proposedById: uuid("proposed_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    resolution: resolutionKind("resolution"),
    resolutionNote: text("resolution_note").notNull().default(""),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedById: uuid("resolved_by_id").references(() => users.id, { onDelete: "restrict" }),
    createdAt: created(),
  },
  (t) => [
    index("meeting_items_meeting_id_idx").on(t.meetingId, t.ordinal),
    index("meeting_items_decision_id_idx").on(t.decisionId),
    index("meeting_items_proposed_by_id_idx").on(t.proposedById),
    index("meeting_items_resolved_by_id_idx").on(t.resolvedById),
    uniqueIndex("meeting_items_meeting_decision_key").on(t.meetingId, t.decisionId).where(sql`${t.decisionId} is not null`),
  ],
);
export type MeetingItem = typeof meetingItems.$inferSelect;

export const meetingAttendance = pgTable(
  "meeting_attendance",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id, { onDelete: "restrict" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    attendance: attendanceKind("attendance").notNull(),
    createdAt: created(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.userId] }), index("meeting_attendance_user_id_idx").on(t.userId)],
);

export const meetingDeclarations = pgTable(
  "meeting_declarations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => meetingItems.id, { onDelete: "restrict" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    description: text("description").notNull(),
    createdAt: created(),
  },
  (t) => [index("meeting_declarations_item_id_idx").on(t.itemId), index("meeting_declarations_user_id_idx").on(t.userId)],
);

/**
 * A trust's meeting quorum from its standing orders (admin setting). No row: the default, a third of
 * the board (rounded up) present, including one non-executive and one executive.
 */
export const meetingQuorumPolicies = pgTable("meeting_quorum_policies", {
  trustId: uuid("trust_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "restrict" }),
  /** Null: a third of the board, rounded up. */
  minPresent: integer("min_present"),
  minNonExecutive: integer("min_non_executive").notNull().default(1),
  minExecutive: integer("min_executive").notNull().default(1),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
