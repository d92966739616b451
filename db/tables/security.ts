// Tables for this concern; re-exported from db/schema.ts. Import what they refer to from "./core".
import { index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

/**
 * The app servers sharing this database (issue 16 item 5), each with fingerprints of the secrets every
 * server must share: AUTH_SECRET (sessions) and the audit key (the audit chain's HMAC). A server that
 * starts while another, seen in the last minutes, holds different ones refuses to start
 * (lib/app-servers.ts): otherwise sessions made on one would be refused by the other and the audit
 * chain would mix keys. Heartbeat every 30 s; rows not seen for a day are removed.
 */
export const appServers = pgTable(
  "app_servers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    host: text("host").notNull(),
    pid: integer("pid").notNull(),
    authFingerprint: text("auth_fingerprint").notNull(),
    auditFingerprint: text("audit_fingerprint").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("app_servers_last_seen_at_idx").on(t.lastSeenAt)],
);
