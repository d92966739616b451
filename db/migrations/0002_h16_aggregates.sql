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
CREATE INDEX "aggregate_decisions_trust_idx" ON "aggregate_decisions" USING btree ("trust_id","status");