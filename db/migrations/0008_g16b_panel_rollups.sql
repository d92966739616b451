ALTER TABLE "aggregate_decisions" ADD COLUMN "pending_due" date[] DEFAULT '{}'::date[] NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregate_decisions" ADD COLUMN "ratification" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregate_decisions" ADD COLUMN "action_lag_days" double precision;--> statement-breakpoint
ALTER TABLE "aggregate_decisions" ADD COLUMN "has_risks" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregate_decisions" ADD COLUMN "outside_appetite" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "aggregate_decisions" ADD COLUMN "outside_domains" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "aggregate_decisions_sign_off_days_idx" ON "aggregate_decisions" USING btree ("sign_off_days") WHERE "aggregate_decisions"."sign_off_days" is not null;--> statement-breakpoint
CREATE INDEX "aggregate_decisions_ratification_idx" ON "aggregate_decisions" USING btree ("ratification") WHERE "aggregate_decisions"."ratification" <> '';