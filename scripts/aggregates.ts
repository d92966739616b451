// `npm run aggregates:rebuild`: recomputes the kept dashboard aggregates from the base tables (after a
// restore from backup, or if the check ever reports a difference). `npm run aggregates:check`:
// compares every kept figure with a from-scratch recount and prints the differences; exits 1 on any.
// Uses DATABASE_URL's PostgreSQL, or the PGlite data folder (stop the app first: PGlite cannot be shared).
import { checkAggregates, rebuildAggregates } from "../lib/dashboards/aggregates";
import { checkWordPairs, drainWordPairs, requeueAllWordPairs } from "../lib/dashboards/word-pairs-store";
import { withDatabase } from "./cli";

const mode = process.argv[2];

async function main() {
  if (mode !== "rebuild" && mode !== "check") {
    console.error("Usage: aggregates.ts rebuild|check");
    process.exit(2);
  }
  await withDatabase(async ({ db }) => {
    if (mode === "rebuild") {
      const started = Date.now();
      const r = await db.transaction((tx) => rebuildAggregates(tx));
      console.log(`Aggregates rebuilt: ${r.decisions} decisions counted, ${r.counts} count rows, in ${Date.now() - started} ms.`);
      // Word pairs: drop them all and queue every counted decision again (requeueAllWordPairs), then extract.
      const queued = Date.now();
      await db.transaction((tx) => requeueAllWordPairs(tx));
      const n = await drainWordPairs(db);
      console.log(`Word pairs extracted again for ${n} decisions, in ${Date.now() - queued} ms.`);
      return;
    }
    const diff = await checkAggregates(db);
    const pairs = await checkWordPairs(db);
    for (const d of pairs) diff.push({ table: "decision_word_pairs", key: d.decisionId, kept: d.kept, recount: d.recount });
    if (!diff.length) {
      console.log("Aggregates exact: every kept figure equals the recount, and every decision's word pairs its text.");
      return;
    }
    console.log(`Aggregates differ from the recount (${diff.length}${diff.length === 100 ? " or more" : ""}); run npm run aggregates:rebuild`);
    for (const d of diff) console.log(`  ${d.table} ${d.key}: kept ${d.kept ?? "(none)"}, recount ${d.recount ?? "(none)"}`);
    process.exitCode = 1;
  });
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
