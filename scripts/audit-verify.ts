// `npm run audit:verify`: walks every audit chain from its first event, recomputes each hash and
// link, and prints "intact, N events, head hash …" or the first broken link. Exits 1 when broken.
// Uses DATABASE_URL's PostgreSQL, or the PGlite data folder (FULCRUM_DATA_DIR, default ./data),
// which must not be in use by a running app (stop it first; PGlite cannot be shared).
//
// `--checkpoint FILE` (from `npm run audit:checkpoint`) also checks that every chain still holds the
// checkpoint's head event unchanged, so nothing before it was cut off or rewritten.
import fs from "node:fs";
import { parseArgs } from "node:util";
import { openConfiguredDatabase } from "../db/client";
import { checkAgainstCheckpoint, parseAuditCheckpoint } from "../lib/audit-checkpoint";
import { organisations } from "../db/schema";
import { verifyAuditChains } from "../lib/audit";
import { formatAuditReport } from "../lib/audit-report";

async function main() {
  const { values } = parseArgs({ options: { checkpoint: { type: "string" } } });
  const checkpoint = values.checkpoint ? parseAuditCheckpoint(fs.readFileSync(values.checkpoint, "utf8")) : null;
  const opened = await openConfiguredDatabase();
  try {
    const report = await verifyAuditChains(opened.db);
    const orgs = await opened.db.select({ id: organisations.id, ods: organisations.ods, name: organisations.name }).from(organisations);
    const names = new Map(orgs.map((o) => [`org:${o.id}`, `${o.name}, ${o.ods}`]));
    const { ok, lines } = formatAuditReport(report, names);
    console.log(lines.join("\n"));
    let passed = ok;
    if (checkpoint) {
      const problems = await checkAgainstCheckpoint(opened.db, checkpoint);
      if (problems.length) {
        passed = false;
        console.log(`checkpoint of ${checkpoint.cutAt} FAILS:`);
        for (const p of problems) console.log(`  ${p}`);
      } else {
        console.log(`checkpoint of ${checkpoint.cutAt} holds: ${checkpoint.chains.length} chain(s), ${checkpoint.events} events, none cut off or rewritten`);
      }
    }
    process.exitCode = passed ? 0 : 1;
  } finally {
    await opened.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
