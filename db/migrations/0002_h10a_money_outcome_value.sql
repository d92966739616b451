ALTER TABLE "decisions" ALTER COLUMN "context_financial_amount_m" SET DATA TYPE double precision;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD COLUMN "actual_value" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD COLUMN "evidence_url" text DEFAULT '' NOT NULL;