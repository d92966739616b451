CREATE TYPE "public"."ratification_state" AS ENUM('awaiting', 'ratified', 'not_ratified');--> statement-breakpoint
CREATE TYPE "public"."risk_domain" AS ENUM('finance', 'quality_safety', 'compliance_regulatory', 'reputation', 'workforce', 'partnerships_system');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('averse', 'minimal', 'cautious', 'open', 'seek', 'significant');--> statement-breakpoint
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
CREATE TABLE "decision_risks" (
	"decision_id" uuid NOT NULL,
	"domain" "risk_domain" NOT NULL,
	"level" "risk_level" NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	CONSTRAINT "decision_risks_decision_id_domain_pk" PRIMARY KEY("decision_id","domain")
);
--> statement-breakpoint
CREATE TABLE "risk_appetite_levels" (
	"statement_id" uuid NOT NULL,
	"domain" "risk_domain" NOT NULL,
	"level" "risk_level" NOT NULL,
	"statement" text NOT NULL,
	CONSTRAINT "risk_appetite_levels_statement_id_domain_pk" PRIMARY KEY("statement_id","domain")
);
--> statement-breakpoint
CREATE TABLE "risk_appetite_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "decision_risks" ADD CONSTRAINT "decision_risks_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_levels" ADD CONSTRAINT "risk_appetite_levels_statement_id_risk_appetite_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."risk_appetite_statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_statements" ADD CONSTRAINT "risk_appetite_statements_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_statements" ADD CONSTRAINT "risk_appetite_statements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "app_servers_last_seen_at_idx" ON "app_servers" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "decision_risks_domain_idx" ON "decision_risks" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_appetite_statements_trust_version_key" ON "risk_appetite_statements" USING btree ("trust_id","version");--> statement-breakpoint
CREATE INDEX "risk_appetite_statements_created_by_id_idx" ON "risk_appetite_statements" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_created_idx" ON "audit_events" USING btree ("actor_id","created_at");--> statement-breakpoint
CREATE INDEX "decisions_trust_ratification_idx" ON "decisions" USING btree ("trust_id","ratification");