CREATE TYPE "public"."risk_domain" AS ENUM('finance', 'quality_safety', 'compliance_regulatory', 'reputation', 'workforce', 'partnerships_system');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('averse', 'minimal', 'cautious', 'open', 'seek', 'significant');--> statement-breakpoint
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
ALTER TABLE "decisions" ADD COLUMN "outside_appetite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "decision_risks" ADD CONSTRAINT "decision_risks_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_levels" ADD CONSTRAINT "risk_appetite_levels_statement_id_risk_appetite_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."risk_appetite_statements"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_statements" ADD CONSTRAINT "risk_appetite_statements_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "risk_appetite_statements" ADD CONSTRAINT "risk_appetite_statements_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "decision_risks_domain_idx" ON "decision_risks" USING btree ("domain");--> statement-breakpoint
CREATE UNIQUE INDEX "risk_appetite_statements_trust_version_key" ON "risk_appetite_statements" USING btree ("trust_id","version");--> statement-breakpoint
CREATE INDEX "risk_appetite_statements_created_by_id_idx" ON "risk_appetite_statements" USING btree ("created_by_id");