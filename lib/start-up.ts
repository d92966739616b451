import "server-only";
import { getDb } from "@/db/client";
import { authSecret } from "./auth/secret";
import { isDatabaseEmpty } from "./demo/seed";
import { loadDemo } from "./demo/load";

/**
 * Runs once per server process before it serves: opens (and migrates) the database, makes sure
 * there is a session secret, and loads the demo into an empty database outside production.
 */
export async function startUp() {
  const started = Date.now();
  authSecret();
  const db = await getDb();
  if (process.env.NODE_ENV !== "production" || process.env.FULCRUM_DEMO === "1") {
    if (await isDatabaseEmpty(db)) {
      await loadDemo(db);
      console.log("Fulcrum: loaded the demo data (accounts are listed on the sign-in page).");
    }
  }
  console.log(`Fulcrum: database ready in ${Date.now() - started} ms (${process.env.DATABASE_URL ? "PostgreSQL" : "embedded PGlite"}).`);
}
