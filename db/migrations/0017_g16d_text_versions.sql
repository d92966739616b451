CREATE TABLE "decision_text_versions" (
	"trust_id" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
