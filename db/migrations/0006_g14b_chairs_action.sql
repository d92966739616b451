CREATE TYPE "public"."ratification_state" AS ENUM('awaiting', 'ratified', 'not_ratified');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'not_ratified';--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "outside_appetite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent_reason" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "urgent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratification" "ratification_state";--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "chairs_action_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "ratification_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organisations" ADD COLUMN "chairs_action_neds" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD COLUMN "for_ratification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "decisions_trust_ratification_idx" ON "decisions" USING btree ("trust_id","ratification");