// Governance between meetings: evidence files on decisions and on outcome assessments.
import { sql } from "drizzle-orm";
import { customType, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { criterionOutcomes, decisions, users } from "./core";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A file attached to a decision (part of its version content once frozen) or to an outcome assessment
 * (the evidence that a criterion was met). The bytes live in attachment_blobs, so listing files never
 * reads them. A file removed from a draft or an amendment keeps its row (removed_at): a frozen
 * version may name it, and the version's readers can still download it.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => decisions.id, { onDelete: "restrict" }),
    /** Set for outcome evidence; null for the decision's own files. */
    outcomeId: uuid("outcome_id").references(() => criterionOutcomes.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    size: integer("size").notNull(),
    /** MIME type read from the content, never from the name. */
    type: text("type").notNull(),
    sha256: text("sha256").notNull(),
    /** Text extracted on upload from PDF and Word files, for the register's search. */
    textContent: text("text_content"),
    uploadedById: uuid("uploaded_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    index("attachments_decision_id_idx").on(t.decisionId),
    index("attachments_outcome_id_idx").on(t.outcomeId),
    index("attachments_uploaded_by_id_idx").on(t.uploadedById),
    // The register's search over the text of attached files (lib/decisions/register.ts).
    index("attachments_text_idx").using("gin", sql`to_tsvector('english', coalesce(${t.textContent}, ''))`),
  ],
);
export type Attachment = typeof attachments.$inferSelect;

/** The bytes of each attachment, in a table of their own so one backup holds everything. */
export const attachmentBlobs = pgTable("attachment_blobs", {
  attachmentId: uuid("attachment_id")
    .primaryKey()
    .references(() => attachments.id, { onDelete: "restrict" }),
  bytes: bytea("bytes").notNull(),
});
