import "server-only";
import { asc, eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { decisions, organisations } from "@/db/schema";
import { hasRegister, readableDecisionsWhere, type Actor } from "../access";

/** The trusts of the decisions the actor may read, for the register's trust filter (issue 10 item 15). */
export async function listRegisterTrusts(actor: Actor): Promise<{ ods: string; name: string }[]> {
  if (!hasRegister(actor)) return [];
  const db = await getDb();
  return db
    .selectDistinct({ ods: organisations.ods, name: organisations.name })
    .from(decisions)
    .innerJoin(organisations, eq(organisations.id, decisions.trustId))
    .where(readableDecisionsWhere(actor))
    .orderBy(asc(organisations.name), asc(organisations.ods));
}
