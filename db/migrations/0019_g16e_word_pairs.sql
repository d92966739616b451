CREATE TABLE "decision_word_pairs" (
	"decision_id" uuid NOT NULL,
	"pair" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "decision_word_pairs_decision_id_pair_pk" PRIMARY KEY("decision_id","pair")
);
--> statement-breakpoint
CREATE TABLE "decision_word_pairs_pending" (
	"decision_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "decision_word_pairs" ADD CONSTRAINT "decision_word_pairs_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decision_word_pairs_pending" ADD CONSTRAINT "decision_word_pairs_pending_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE cascade ON UPDATE no action;