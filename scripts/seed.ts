// npm run seed [-- --force]: loads the demo organisations, people and decisions into the configured
// database. Idempotent: what exists is left as it is. Refuses a production environment unless --force.
import { parseArgs } from "node:util";
import { loadDemo } from "@/lib/demo/load";
import { fail, withDatabase } from "./cli";

async function main() {
  const { values } = parseArgs({ options: { force: { type: "boolean", default: false } } });
  if (process.env.NODE_ENV === "production" && !values.force) {
    fail("NODE_ENV is production: the demo would add demo accounts with a published password. Nothing was loaded.\nRun with --force if you really mean it: npm run seed -- --force");
  }
  await withDatabase(async ({ db, engine }) => {
    const started = Date.now();
    const result = await loadDemo(db);
    console.log(
      result.inserted
        ? `Loaded the demo into ${engine === "postgres" ? "PostgreSQL" : "the embedded database"}: ${result.inserted} rows added in ${Date.now() - started} ms.`
        : "The demo is already loaded: nothing to add.",
    );
  });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
