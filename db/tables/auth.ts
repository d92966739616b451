// Tables for this concern; re-exported from db/schema.ts. Import what they refer to from "./core".
import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "./core";

const at = (name: string) => timestamp(name, { withTimezone: true });

/**
 * A signed-in browser session. The (encrypted, signed) cookie carries the id; every request checks
 * the row is live: not ended, seen within the idle limit, started within the absolute one.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: at("created_at").notNull().defaultNow(),
    /** Updated at most every 5 minutes. */
    lastSeenAt: at("last_seen_at").notNull().defaultNow(),
    ip: text("ip"),
    userAgent: text("user_agent"),
    /** How the person signed in: "password", "password_totp" or "sso". */
    method: text("method").notNull(),
    endedAt: at("ended_at"),
    /** Why it ended: "signed_out", "ended_by_user", "password_changed", "disabled", "admin", … */
    endedReason: text("ended_reason"),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId, t.endedAt)],
);
export type SessionRow = typeof sessions.$inferSelect;

/**
 * A change to a trust's memberships or its sign-off policy, shown on its Chair's and Chief
 * Executive's inbox until they mark it seen (the audit chain keeps the detail).
 */
export const accessChanges = pgTable(
  "access_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorName: text("actor_name").notNull(),
    summary: text("summary").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("access_changes_org_idx").on(t.organisationId, t.createdAt)],
);

export const accessChangeSeen = pgTable(
  "access_change_seen",
  {
    changeId: uuid("change_id")
      .notNull()
      .references(() => accessChanges.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    seenAt: at("seen_at").notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.changeId, t.userId] })],
);

/**
 * A set-password link (invitation or reset): single use, 72 hours. Only the SHA-256 of the token is
 * kept; the link itself is shown once.
 */
export const passwordLinks = pgTable(
  "password_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** "invite", "reset" (by an administrator) or "forgot" (asked for by the person). */
    purpose: text("purpose").notNull(),
    /** The address that asked (forgot password), for the per-address limit. */
    requestIp: text("request_ip"),
    createdAt: at("created_at").notNull().defaultNow(),
    expiresAt: at("expires_at").notNull(),
    usedAt: at("used_at"),
  },
  (t) => [index("password_links_user_idx").on(t.userId, t.createdAt), index("password_links_ip_idx").on(t.requestIp, t.createdAt)],
);

/**
 * A person's authenticator app (TOTP, RFC 6238). The secret is encrypted (AES-256-GCM, key derived
 * from FULCRUM_ENCRYPTION_KEY or AUTH_SECRET); `last_step` refuses a code's replay.
 */
export const totpFactors = pgTable("totp_factors", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretEnc: text("secret_enc").notNull(),
  /** Null until enrolment is confirmed with a code. */
  confirmedAt: at("confirmed_at"),
  lastStep: integer("last_step"),
  createdAt: at("created_at").notNull().defaultNow(),
});

/** Ten single-use recovery codes per enrolment, stored only as SHA-256. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: at("used_at"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * A person's account at an OpenID Connect provider (single sign-on), linked at the first sign-in by
 * the ID token's verified e-mail; from then on found by issuer + subject only.
 */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    /** The verified e-mail the link was made with (for the admin page; never used to match again). */
    emailAtLink: text("email_at_link").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    lastSignInAt: at("last_sign_in_at"),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_key").on(t.issuer, t.subject), uniqueIndex("user_identities_user_issuer_key").on(t.userId, t.issuer)],
);
export type UserIdentityRow = typeof userIdentities.$inferSelect;
