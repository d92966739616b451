CREATE TYPE "public"."notification_delivery" AS ENUM('immediate', 'daily', 'weekly', 'off');--> statement-breakpoint
CREATE TYPE "public"."notification_kind" AS ENUM('submitted', 'amended', 'reminder', 'objection', 'conflict', 'signed_off', 'declined', 'withdrawn', 'question', 'answer', 'review_due', 'access_change', 'password_link');--> statement-breakpoint
CREATE TYPE "public"."outbox_state" AS ENUM('pending', 'sending', 'sent', 'failed', 'not_sent');--> statement-breakpoint
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
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachment_blobs" ADD CONSTRAINT "attachment_blobs_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_outcome_id_criterion_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."criterion_outcomes"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_id_users_id_fk" FOREIGN KEY ("uploaded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "outbox_dedupe_key_key" ON "outbox" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "outbox_due_idx" ON "outbox" USING btree ("due_at") WHERE state in ('pending', 'sending');--> statement-breakpoint
CREATE INDEX "outbox_created_at_idx" ON "outbox" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "outbox_recipient_user_id_idx" ON "outbox" USING btree ("recipient_user_id");--> statement-breakpoint
CREATE INDEX "outbox_decision_id_idx" ON "outbox" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "attachments_decision_id_idx" ON "attachments" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "attachments_outcome_id_idx" ON "attachments" USING btree ("outcome_id");--> statement-breakpoint
CREATE INDEX "attachments_uploaded_by_id_idx" ON "attachments" USING btree ("uploaded_by_id");--> statement-breakpoint
CREATE INDEX "attachments_text_idx" ON "attachments" USING gin (to_tsvector('english', coalesce("text_content", '')));--> statement-breakpoint
CREATE INDEX "aggregate_decisions_trust_idx" ON "aggregate_decisions" USING btree ("trust_id","status");