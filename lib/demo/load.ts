import "server-only";
import type { Database } from "@/db/client";
import { loadDemoDecisions } from "./decisions";
import { seedDemoPeople } from "./seed";

/** The whole demo: people and organisations, then decisions in every state. Idempotent. */
export async function loadDemo(db: Database) {
  const people = await seedDemoPeople(db);
  const decided = await loadDemoDecisions(db);
  return { inserted: people.inserted + decided.inserted };
}
