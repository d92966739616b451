CREATE TABLE "aggregate_trust_rollups" (
	"trust_id" uuid NOT NULL,
	"dim" text NOT NULL,
	"key" text NOT NULL,
	"status" text NOT NULL,
	"favoured" text NOT NULL,
	"visibility" text NOT NULL,
	"decisions" integer NOT NULL,
	"assessed_decisions" integer NOT NULL,
	"met" integer NOT NULL,
	"partly_met" integer NOT NULL,
	"not_met" integer NOT NULL,
	"unknown" integer NOT NULL,
	"timed" integer NOT NULL,
	"amount_k" bigint NOT NULL,
	"amount_n" integer NOT NULL,
	CONSTRAINT "aggregate_trust_rollups_trust_id_dim_key_status_favoured_visibility_pk" PRIMARY KEY("trust_id","dim","key","status","favoured","visibility")
);
--> statement-breakpoint
CREATE INDEX "decisions_trust_latest_idx" ON "decisions" USING btree ("trust_id","decided_on" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "aggregate_decisions_trust_sign_off_days_idx" ON "aggregate_decisions" USING btree ("trust_id","sign_off_days") WHERE "aggregate_decisions"."sign_off_days" is not null;--> statement-breakpoint
CREATE INDEX "aggregate_decisions_trust_due_idx" ON "aggregate_decisions" USING btree ("trust_id",("pending_due"[1])) WHERE "aggregate_decisions"."status" = 'signed_off';--> statement-breakpoint
CREATE INDEX "aggregate_decisions_trust_ratification_idx" ON "aggregate_decisions" USING btree ("trust_id","ratification") WHERE "aggregate_decisions"."ratification" <> '';