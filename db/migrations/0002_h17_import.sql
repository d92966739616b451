CREATE TABLE "import_mappings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"trust_id" uuid NOT NULL,
	"name" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"created_by_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imported_sign_offs" (
	"decision_id" uuid PRIMARY KEY NOT NULL,
	"signed_off_on" date NOT NULL,
	"meeting" text DEFAULT '' NOT NULL,
	"signed_off_by" text DEFAULT '' NOT NULL,
	"file_name" text NOT NULL,
	"sheet" text,
	"row" integer NOT NULL,
	"file_sha256" text NOT NULL,
	"imported_by_id" uuid NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_trust_id_organisations_id_fk" FOREIGN KEY ("trust_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_sign_offs" ADD CONSTRAINT "imported_sign_offs_decision_id_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."decisions"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imported_sign_offs" ADD CONSTRAINT "imported_sign_offs_imported_by_id_users_id_fk" FOREIGN KEY ("imported_by_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "import_mappings_trust_name_key" ON "import_mappings" USING btree ("trust_id",lower("name"));--> statement-breakpoint
CREATE INDEX "import_mappings_created_by_id_idx" ON "import_mappings" USING btree ("created_by_id");--> statement-breakpoint
CREATE INDEX "imported_sign_offs_imported_by_id_idx" ON "imported_sign_offs" USING btree ("imported_by_id");