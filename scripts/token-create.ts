// npm run token:create -- --email ce.rna@fulcrum.demo --scope read [--name "BI extract"] [--days 30]
// Prints the new token alone on its last line, so scripts can take `| tail -n 1`.
import { parseArgs } from "node:util";
import { openConfiguredDatabase, setDbForProcess } from "@/db/client";
import { isAppError } from "@/lib/errors";
import { unsafeCreateTokenForEmail } from "@/lib/tokens";

async function main() {
  const { values } = parseArgs({
    options: { email: { type: "string" }, scope: { type: "string" }, name: { type: "string" }, days: { type: "string" } },
  });
  if (!values.email || (values.scope !== "read" && values.scope !== "write")) {
    console.error("Usage: npm run token:create -- --email <address> --scope read|write [--name <name>] [--days <1-365>]");
    process.exit(2);
  }
  const days = values.days === undefined ? undefined : Number(values.days);
  const opened = await openConfiguredDatabase();
  setDbForProcess(opened.db);
  try {
    const { token, summary } = await unsafeCreateTokenForEmail(opened.db, { email: values.email, scope: values.scope, name: values.name, days });
    console.error(`Created ${summary.scope} token "${summary.name}" for ${values.email}, expiring ${summary.expiresAt.toISOString().slice(0, 10)}. It is shown once:`);
    console.log(token);
  } catch (e) {
    if (isAppError(e)) {
      console.error(e.fieldErrors ? Object.values(e.fieldErrors).join("\n") : e.message);
      process.exitCode = 1;
    } else throw e;
  } finally {
    await opened.close();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
