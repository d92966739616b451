// Tables of the register import (README, "Importing an existing register"): a trust's saved column
// mappings, and the record of each decision that came in as already signed off at a past meeting.
import { sql } from "drizzle-orm";
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { decisions, organisations, users } from "./core";

/** A column mapping saved for a trust, by name, to read its next file the same way. */
export const importMappings = pgTable(
  "import_mappings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    trustId: uuid("trust_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    name: text("name").notNull(),
    /** ImportMapping (lib/import/mapping.ts): columns by the file's header names, value maps, unit. */
    mapping: jsonb("mapping").notNull(),
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("import_mappings_trust_name_key").on(t.trustId, sql`lower(${t.name})`),
    index("import_mappings_created_by_id_idx").on(t.createdById),
  ],
);
export type ImportMappingRow = typeof importMappings.$inferSelect;

/**
 * A decision imported as already signed off: when, at which meeting and by whom as the trust's
 * register records it, and where it came from. No positions are written for it: the members took
 * none in Fulcrum. The decision itself is an ordinary `signed_off` row (status, signed_off_at).
 */
export const importedSignOffs = pgTable(
  "imported_sign_offs",
  {
    decisionId: uuid("decision_id")
      .primaryKey()
      .references(() => decisions.id, { onDelete: "restrict" }),
    signedOffOn: date("signed_off_on", { mode: "string" }).notNull(),
    meeting: text("meeting").notNull().default(""),
    signedOffBy: text("signed_off_by").notNull().default(""),
    fileName: text("file_name").notNull(),
    sheet: text("sheet"),
    row: integer("row").notNull(),
    fileSha256: text("file_sha256").notNull(),
    importedById: uuid("imported_by_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("imported_sign_offs_imported_by_id_idx").on(t.importedById)],
);
export type ImportedSignOff = typeof importedSignOffs.$inferSelect;
