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
