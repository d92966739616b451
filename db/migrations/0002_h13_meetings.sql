CREATE TYPE "public"."attendance_kind" AS ENUM('present', 'apologies', 'in_attendance');--> statement-breakpoint
CREATE TYPE "public"."meeting_kind" AS ENUM('public_board', 'private_board', 'committee');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('planned', 'held', 'minuted');--> statement-breakpoint
CREATE TYPE "public"."resolution_kind" AS ENUM('approved', 'not_approved', 'deferred');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'company_secretary';--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"attendance" "attendance_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_declarations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"description" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"title" text NOT NULL,
	"presenter" text DEFAULT '' NOT NULL,
	"decision_id" uuid,
	"pack_version" integer,
	"pack_hash" text,
	"cover" jsonb,
	"proposed_by_id" uuid NOT NULL,
	"resolution" "resolution_kind",
	"resolution_note" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_quorum_policies" (
	"trust_id" uuid PRIMARY KEY NOT NULL,
	"min_present" integer,
	"min_non_executive" integer DEFAULT 1 NOT NULL,
	"min_executive" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"kind" "meeting_kind" NOT NULL,
	"committee_name" text DEFAULT '' NOT NULL,
	"location" text DEFAULT '' NOT NULL,
	"status" "meeting_status" DEFAULT 'planned' NOT NULL,
	"pack_issued_at" timestamp with time zone,
	"pack_issued_by_id" uuid,
	"minutes_sha256" text,
	"minutes_file_name" text,
	"minuted_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "recorded_by_id" uuid;--> statement-breakpoint
ALTER TABLE "positions" ADD COLUMN "recorded_at_meeting_id" uuid;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_item_id_meeting_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."meeting_items"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_declarations" ADD CONSTRAINT "meeting_declarations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_proposed_by_id_users_id_fk" FOREIGN KEY ("proposed_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_items" ADD CONSTRAINT "meeting_items_resolved_by_id_users_id_fk" FOREIGN KEY ("resolved_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_quorum_policies" ADD CONSTRAINT "meeting_quorum_policies_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_pack_issued_by_id_users_id_fk" FOREIGN KEY ("pack_issued_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meeting_attendance_user_id_idx" ON "meeting_attendance" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_declarations_item_id_idx" ON "meeting_declarations" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "meeting_declarations_user_id_idx" ON "meeting_declarations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "meeting_items_meeting_id_idx" ON "meeting_items" USING btree ("meeting_id","ordinal");--> statement-breakpoint
CREATE INDEX "meeting_items_decision_id_idx" ON "meeting_items" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "meeting_items_proposed_by_id_idx" ON "meeting_items" USING btree ("proposed_by_id");--> statement-breakpoint
CREATE INDEX "meeting_items_resolved_by_id_idx" ON "meeting_items" USING btree ("resolved_by_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_items_meeting_decision_key" ON "meeting_items" USING btree ("meeting_id","decision_id") WHERE "meeting_items"."decision_id" is not null;--> statement-breakpoint
CREATE INDEX "meetings_trust_starts_idx" ON "meetings" USING btree ("trust_id","starts_at");--> statement-breakpoint
CREATE INDEX "meetings_created_by_id_idx" ON "meetings" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "meetings_pack_issued_by_id_idx" ON "meetings" USING btree ("pack_issued_by_id");--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "positions_recorded_by_id_idx" ON "positions" USING btree ("recorded_by_id");--> statement-breakpoint
CREATE INDEX "positions_recorded_at_meeting_id_idx" ON "positions" USING btree ("recorded_at_meeting_id");