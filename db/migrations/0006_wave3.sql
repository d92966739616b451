CREATE TYPE "public"."ratification_state" AS ENUM('awaiting', 'ratified', 'not_ratified');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'not_ratified';--> statement-breakpoint
CREATE TABLE "app_servers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"auth_fingerprint" text NOT NULL,
	"audit_fingerprint" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "aggregate_rollups" (
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"favoured" text NOT NULL,
	"status" text NOT NULL,
	"decisions" integer NOT NULL,
	"assessed_decisions" integer NOT NULL,
	"met" integer NOT NULL,
	"partly_met" integer NOT NULL,
	"not_met" integer NOT NULL,
	"unknown" integer NOT NULL,
	"timed" integer NOT NULL,
	CONSTRAINT "aggregate_rollups_dim_key_status_favoured_pk" PRIMARY KEY("dim","key","status","favoured")
);
--> statement-breakpoint
DROP INDEX "audit_events_actor_id_idx";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "outside_appetite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratification" "ratification_state";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "chairs_action_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratification_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "chairs_action_neds" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD COLUMN "for_ratification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "app_servers_last_seen_at_idx" ON "app_servers" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "audit_events_actor_created_idx" ON "audit_events" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_trust_ratification_idx" ON "decisions" USING btree ("trust_id","ratification");