CREATE TYPE "public"."notification_delivery" AS ENUM('immediate', 'daily', 'weekly', 'off');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('submitted', 'amended', 'reminder', 'objection', 'conflict', 'signed_off', 'declined', 'withdrawn', 'question', 'answer', 'review_due', 'access_change', 'password_link');--> statement-breakpoint
CREATE TYPE "public"."outbox_state" AS ENUM('pending', 'sending', 'sent', 'failed', 'not_sent');--> statement-breakpoint
CREATE TYPE "public"."attendance_kind" AS ENUM('present', 'apologies', 'in_attendance');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('public_board', 'private_board', 'committee');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'held', 'minuted');--> statement-breakpoint
CREATE TYPE "public"."resolution_kind" AS ENUM('approved', 'not_approved', 'deferred');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'company_secretary';--> statement-breakpoint
CREATE TABLE "access_change_seen" (
	"change_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "access_change_seen_change_id_user_id_pk" PRIMARY KEY("change_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "access_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"summary" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "password_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"purpose" text NOT NULL,
	"request_ip" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	CONSTRAINT "password_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"code_hash" text NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text,
	"method" text NOT NULL,
	"ended_at" timestamp with time zone,
	"ended_reason" text
);
--> statement-breakpoint
CREATE TABLE "totp_factors" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"secret_enc" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"last_step" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"user_id" uuid NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"delivery" "notification_delivery" NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_user_id_kind_pk" PRIMARY KEY("user_id","kind")
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "notification_kind" NOT NULL,
	"recipient_user_id" uuid,
	"to_address" text NOT NULL,
	"decision_id" uuid,
	"subject" text NOT NULL,
	"body_text" text NOT NULL,
	"content" jsonb NOT NULL,
	"delivery" "notification_delivery" DEFAULT 'immediate' NOT NULL,
	"state" "outbox_state" DEFAULT 'pending' NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"first_attempt_at" timestamp with time zone,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"message_id" text,
	"dedupe_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"attendance" "attendance_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"decision_id" uuid,
	"pack_version" integer,
	"pack_hash" text,
	"cover" jsonb,
	"proposed_by_id" uuid NOT NULL,
	"resolution" "resolution_kind",
	"resolution_note" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_quorum_policies" (
	"trust_id" uuid PRIMARY KEY NOT NULL,
	"min_present" integer,
	"min_non_executive" integer DEFAULT 1 NOT NULL,
	"min_executive" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"committee_name" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"pack_issued_at" timestamp with time zone,
	"pack_issued_by_id" uuid,
	"minutes_sha256" text,
	"minutes_file_name" text,
	"minuted_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachment_blobs" (
	"attachment_id" uuid PRIMARY KEY NOT NULL,
	"bytes" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"outcome_id" uuid,
	"name" text NOT NULL,
	"size" integer NOT NULL,
	"type" text NOT NULL,
	"sha256" text NOT NULL,
	"text_content" text,
	"uploaded_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "aggregate_counts" (
	"trust_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"category" text NOT NULL,
	"favoured" text NOT NULL,
	"status" text NOT NULL,
	"visibility" text NOT NULL,
	"decisions" integer NOT NULL,
	"assessed_decisions" integer NOT NULL,
	"met" integer NOT NULL,
	"partly_met" integer NOT NULL,
	"not_met" integer NOT NULL,
	"unknown" integer NOT NULL,
	"timed" integer NOT NULL,
	CONSTRAINT "aggregate_counts_trust_id_author_id_quarter_category_favoured_status_visibility_pk" PRIMARY KEY("trust_id","author_id","quarter","category","favoured","status","visibility")
);
--> statement-breakpoint
CREATE TABLE "aggregate_decisions" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"trust_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"category" text NOT NULL,
	"favoured" text NOT NULL,
	"status" text NOT NULL,
	"visibility" text NOT NULL,
	"submitted_at" timestamp with time zone,
	"signed_off_at" timestamp with time zone,
	"sign_off_days" double precision,
	"met" integer NOT NULL,
	"partly_met" integer NOT NULL,
	"not_met" integer NOT NULL,
	"unknown" integer NOT NULL,
	"factors" text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aggregate_dirty" (
	"xid" bigint NOT NULL,
	"decision_id" uuid NOT NULL,
	CONSTRAINT "aggregate_dirty_xid_decision_id_pk" PRIMARY KEY("xid","decision_id")
);
--> statement-breakpoint
CREATE TABLE "aggregate_factor_counts" (
	"trust_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"quarter" text NOT NULL,
	"category" text NOT NULL,
	"favoured" text NOT NULL,
	"status" text NOT NULL,
	"visibility" text NOT NULL,
	"factor" text NOT NULL,
	"decisions" integer NOT NULL,
	CONSTRAINT "aggregate_factor_counts_trust_id_author_id_quarter_category_favoured_status_visibility_factor_pk" PRIMARY KEY("trust_id","author_id","quarter","category","favoured","status","visibility","factor")
);
--> statement-breakpoint
CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imported_sign_offs" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"signed_off_on" date NOT NULL,
	"meeting" text DEFAULT '' NOT NULL,
	"signed_off_by" text DEFAULT '' NOT NULL,
	"file_name" text NOT NULL,
	"sheet" text,
	"row" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"imported_by_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decisions" ALTER COLUMN "context_financial_amount_m" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "users" ALTER COLUMN "password_hash" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD COLUMN "actual_value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD COLUMN "evidence_url" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "recorded_by_id" uuid;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "recorded_at_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "access_change_seen" ADD CONSTRAINT "access_change_seen_change_id_access_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."access_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_change_seen" ADD CONSTRAINT "access_change_seen_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_changes" ADD CONSTRAINT "access_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_changes" ADD CONSTRAINT "access_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_links" ADD CONSTRAINT "password_links_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recovery_codes" ADD CONSTRAINT "recovery_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "totp_factors" ADD CONSTRAINT "totp_factors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_quorum_policies" ADD CONSTRAINT "meeting_quorum_policies_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_pack_issued_by_id_users_id_fk" FOREIGN KEY ("pack_issued_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_blobs" ADD CONSTRAINT "attachment_blobs_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_outcome_id_criterion_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."criterion_outcomes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_sign_offs" ADD CONSTRAINT "imported_sign_offs_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_sign_offs" ADD CONSTRAINT "imported_sign_offs_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_changes_org_idx" ON "access_changes" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "password_links_user_idx" ON "password_links" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "password_links_ip_idx" ON "password_links" USING btree ("request_ip","created_at");--> statement-breakpoint
CREATE INDEX "recovery_codes_user_idx" ON "recovery_codes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id","ended_at");--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("due_at") WHERE state in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_created_at_idx" ON "outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_recipient_user_id_idx" ON "outbox" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE INDEX "outbox_decision_id_idx" ON "outbox" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "meeting_attendance_user_id_idx" ON "meeting_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_declarations_item_id_idx" ON "meeting_declarations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "meeting_declarations_user_id_idx" ON "meeting_declarations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_items_meeting_id_idx" ON "meeting_items" USING btree ("meeting_id","ordinal");--> statement-breakpoint
CREATE INDEX "meeting_items_decision_id_idx" ON "meeting_items" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "meeting_items_proposed_by_id_idx" ON "meeting_items" USING btree ("proposed_by_id");--> statement-breakpoint
CREATE INDEX "meeting_items_resolved_by_id_idx" ON "meeting_items" USING btree ("resolved_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_items_meeting_decision_key" ON "meeting_items" USING btree ("meeting_id","decision_id") WHERE "meeting_items"."decision_id" is not null;--> statement-breakpoint
CREATE INDEX "meetings_trust_starts_idx" ON "meetings" USING btree ("trust_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_created_by_id_idx" ON "meetings" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "meetings_pack_issued_by_id_idx" ON "meetings" USING btree ("pack_issued_by_id");--> statement-breakpoint
CREATE INDEX "attachments_decision_id_idx" ON "attachments" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "attachments_outcome_id_idx" ON "attachments" USING btree ("outcome_id");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_id_idx" ON "attachments" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "attachments_text_idx" ON "attachments" USING gin (to_tsvector('english', coalesce("text_content", '')));--> statement-breakpoint
CREATE INDEX "aggregate_decisions_trust_idx" ON "aggregate_decisions" USING btree ("trust_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_trust_name_key" ON "import_mappings" USING btree ("trust_id",lower("name"));--> statement-breakpoint
CREATE INDEX "import_mappings_created_by_id_idx" ON "import_mappings" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "imported_sign_offs_imported_by_id_idx" ON "imported_sign_offs" USING btree ("imported_by_id");--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "positions_recorded_by_id_idx" ON "positions" USING btree ("recorded_by_id");--> statement-breakpoint
CREATE INDEX "positions_recorded_at_meeting_id_idx" ON "positions" USING btree ("recorded_at_meeting_id");