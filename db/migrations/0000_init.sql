CREATE TYPE "public"."board_seat" AS ENUM('chair', 'non_executive', 'executive');--> statement-breakpoint
CREATE TYPE "public"."category" AS ENUM('finance', 'service', 'contracting', 'workforce', 'estates', 'capacity', 'governance');--> statement-breakpoint
CREATE TYPE "public"."decision_status" AS ENUM('draft', 'awaiting_sign_off', 'signed_off', 'declined', 'reviewed', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."factor" AS ENUM('population_outcomes', 'financial_stability', 'regulatory_standing', 'relationships_reciprocity', 'local_context_demand', 'workforce', 'economies_of_scale', 'prevention_root_causes', 'board_risk_appetite', 'contracting_payment');--> statement-breakpoint
CREATE TYPE "public"."favoured" AS ENUM('system', 'trust');--> statement-breakpoint
CREATE TYPE "public"."financial_position" AS ENUM('surplus', 'breakeven', 'deficit');--> statement-breakpoint
CREATE TYPE "public"."forum" AS ENUM('public_board', 'private_session', 'chairs_action');--> statement-breakpoint
CREATE TYPE "public"."org_kind" AS ENUM('national', 'ics', 'trust');--> statement-breakpoint
CREATE TYPE "public"."org_link_role" AS ENUM('benefits', 'bears_cost');--> statement-breakpoint
CREATE TYPE "public"."outcome" AS ENUM('met', 'partly_met', 'not_met', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."position_kind" AS ENUM('support', 'object', 'abstain');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('chief_executive', 'board_member', 'ics_lead', 'national_analyst', 'admin');--> statement-breakpoint
CREATE TYPE "public"."token_scope" AS ENUM('read', 'write');--> statement-breakpoint
CREATE TYPE "public"."trust_type" AS ENUM('acute', 'mental_health', 'community', 'specialist', 'ambulance', 'combined');--> statement-breakpoint
CREATE TYPE "public"."visibility" AS ENUM('trust', 'system');--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"prefix" text NOT NULL,
	"scope" "token_scope" NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chain" text NOT NULL,
	"seq" integer NOT NULL,
	"organisation_id" uuid,
	"actor_id" uuid,
	"action" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb,
	"ip" text,
	"user_agent" text,
	"created_at" timestamp with time zone NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_heads" (
	"chain" text PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"body" text NOT NULL,
	"is_question" boolean DEFAULT false NOT NULL,
	"answers_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "criterion_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"criterion_id" uuid NOT NULL,
	"decision_id" uuid NOT NULL,
	"outcome" "outcome" NOT NULL,
	"evidence" text DEFAULT '' NOT NULL,
	"assessed_on" date NOT NULL,
	"assessed_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decision_factors" (
	"decision_id" uuid NOT NULL,
	"factor" "factor" NOT NULL,
	CONSTRAINT "decision_factors_decision_id_factor_pk" PRIMARY KEY("decision_id","factor")
);
--> statement-breakpoint
CREATE TABLE "decision_organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "org_link_role" NOT NULL,
	"amount_k" integer
);
--> statement-breakpoint
CREATE TABLE "decision_versions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"context_financial_position" "financial_position",
	"context_financial_amount_m" integer,
	"context_regulator_rating" text DEFAULT '' NOT NULL,
	"context_notes" text DEFAULT '' NOT NULL,
	"options" text DEFAULT '' NOT NULL,
	"rationale" text DEFAULT '' NOT NULL,
	"favoured" "favoured",
	"category" "category",
	"impact_trust_k" integer,
	"impact_trust_text" text DEFAULT '' NOT NULL,
	"impact_system_k" integer,
	"impact_system_text" text DEFAULT '' NOT NULL,
	"decided_on" date,
	"visibility" "visibility" DEFAULT 'trust' NOT NULL,
	"status" "decision_status" DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"content_hash" text,
	"submitted_at" timestamp with time zone,
	"signed_off_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"withdrawn_at" timestamp with time zone,
	"withdraw_reason" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"success" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"role" "role" NOT NULL,
	"seat" "board_seat",
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" "org_kind" NOT NULL,
	"name" text NOT NULL,
	"ods" text NOT NULL,
	"ics_id" uuid,
	"trust_type" "trust_type",
	"foundation_trust" boolean DEFAULT false NOT NULL,
	"turnover_m" integer,
	"sign_off_min_support" integer DEFAULT 3 NOT NULL,
	"sign_off_chair_required" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "positions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"decision_version" integer NOT NULL,
	"content_hash" text NOT NULL,
	"member_id" uuid NOT NULL,
	"seat" "board_seat" NOT NULL,
	"position" "position_kind" NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"forum" "forum" NOT NULL,
	"conflict_declared" boolean DEFAULT false NOT NULL,
	"conflict_description" text,
	"supersedes_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rate_limits" (
	"key" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "rate_limits_key_window_start_pk" PRIMARY KEY("key","window_start")
);
--> statement-breakpoint
CREATE TABLE "success_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"statement" text NOT NULL,
	"measure" text DEFAULT '' NOT NULL,
	"baseline" text DEFAULT '' NOT NULL,
	"target" text DEFAULT '' NOT NULL,
	"judged_by" date,
	"removed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"disabled_at" timestamp with time zone,
	"session_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_answers_id_comments_id_fk" FOREIGN KEY ("answers_id") REFERENCES "public"."comments"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD CONSTRAINT "criterion_outcomes_criterion_id_success_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."success_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD CONSTRAINT "criterion_outcomes_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "criterion_outcomes" ADD CONSTRAINT "criterion_outcomes_assessed_by_id_users_id_fk" FOREIGN KEY ("assessed_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_factors" ADD CONSTRAINT "decision_factors_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_organisations" ADD CONSTRAINT "decision_organisations_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_organisations" ADD CONSTRAINT "decision_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_versions" ADD CONSTRAINT "decision_versions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_versions" ADD CONSTRAINT "decision_versions_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_ics_id_organisations_id_fk" FOREIGN KEY ("ics_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_member_id_users_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "positions" ADD CONSTRAINT "positions_supersedes_id_positions_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."positions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "success_criteria" ADD CONSTRAINT "success_criteria_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq_key" ON "audit_events" USING btree ("chain","seq");--> statement-breakpoint
CREATE INDEX "audit_events_organisation_id_idx" ON "audit_events" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor_id_idx" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_entity_idx" ON "audit_events" USING btree ("entity_type","entity_id");--> statement-breakpoint
CREATE INDEX "comments_decision_id_idx" ON "comments" USING btree ("decision_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_author_id_idx" ON "comments" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "comments_answers_id_idx" ON "comments" USING btree ("answers_id");--> statement-breakpoint
CREATE INDEX "criterion_outcomes_criterion_id_idx" ON "criterion_outcomes" USING btree ("criterion_id","created_at");--> statement-breakpoint
CREATE INDEX "criterion_outcomes_decision_id_idx" ON "criterion_outcomes" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "criterion_outcomes_assessed_by_id_idx" ON "criterion_outcomes" USING btree ("assessed_by_id");--> statement-breakpoint
CREATE INDEX "criterion_outcomes_outcome_idx" ON "criterion_outcomes" USING btree ("outcome");--> statement-breakpoint
CREATE INDEX "decision_factors_factor_idx" ON "decision_factors" USING btree ("factor");--> statement-breakpoint
CREATE INDEX "decision_organisations_decision_id_idx" ON "decision_organisations" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "decision_organisations_organisation_id_idx" ON "decision_organisations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "decision_organisations_role_idx" ON "decision_organisations" USING btree ("role");--> statement-breakpoint
CREATE UNIQUE INDEX "decision_versions_decision_version_key" ON "decision_versions" USING btree ("decision_id","version");--> statement-breakpoint
CREATE INDEX "decision_versions_created_by_id_idx" ON "decision_versions" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "decisions_trust_id_idx" ON "decisions" USING btree ("trust_id");--> statement-breakpoint
CREATE INDEX "decisions_author_id_idx" ON "decisions" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "decisions_trust_status_idx" ON "decisions" USING btree ("trust_id","status");--> statement-breakpoint
CREATE INDEX "decisions_status_idx" ON "decisions" USING btree ("status");--> statement-breakpoint
CREATE INDEX "decisions_favoured_idx" ON "decisions" USING btree ("favoured");--> statement-breakpoint
CREATE INDEX "decisions_category_idx" ON "decisions" USING btree ("category");--> statement-breakpoint
CREATE INDEX "decisions_decided_on_idx" ON "decisions" USING btree ("decided_on");--> statement-breakpoint
CREATE INDEX "decisions_trust_decided_on_idx" ON "decisions" USING btree ("trust_id","decided_on");--> statement-breakpoint
CREATE INDEX "decisions_search_idx" ON "decisions" USING gin (to_tsvector('english', "title" || ' ' || "summary" || ' ' || "rationale"));--> statement-breakpoint
CREATE INDEX "login_attempts_email_idx" ON "login_attempts" USING btree ("email","created_at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_idx" ON "login_attempts" USING btree ("ip","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "memberships_user_org_role_key" ON "memberships" USING btree ("user_id","organisation_id","role");--> statement-breakpoint
CREATE INDEX "memberships_organisation_id_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "memberships_user_id_idx" ON "memberships" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_ods_key" ON "organisations" USING btree ("ods");--> statement-breakpoint
CREATE INDEX "organisations_ics_id_idx" ON "organisations" USING btree ("ics_id");--> statement-breakpoint
CREATE INDEX "organisations_kind_idx" ON "organisations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "organisations_trust_type_idx" ON "organisations" USING btree ("trust_type");--> statement-breakpoint
CREATE INDEX "positions_decision_version_idx" ON "positions" USING btree ("decision_id","decision_version");--> statement-breakpoint
CREATE INDEX "positions_member_id_idx" ON "positions" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "positions_supersedes_id_idx" ON "positions" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "success_criteria_decision_id_idx" ON "success_criteria" USING btree ("decision_id");--> statement-breakpoint
CREATE INDEX "success_criteria_judged_by_idx" ON "success_criteria" USING btree ("judged_by");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");