// `npm run audit:checkpoint`: prints a signed checkpoint of every audit chain's head (JSON) to keep
// somewhere the database's administrators cannot write (README, "Security and reliability").
// `npm run audit:verify -- --checkpoint FILE` later proves nothing before it was cut off or rewritten.
import { openConfiguredDatabase } from "../db/client";
import { cutAuditCheckpoint } from "../lib/audit-checkpoint";

async function main() {
  const opened = await openConfiguredDatabase();
  try {
    console.log(JSON.stringify(await cutAuditCheckpoint(opened.db), null, 2));
  } finally {
    await opened.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(2);
});
