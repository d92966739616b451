// Statements per request (issue 16, item 2): the db client counts what it sends; a token's last use is
// written at most once a minute, with no statement at all in between; the inbox count is one lookup.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sqlStatementCount } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { countInbox } from "@/lib/inbox";
import { createApiToken, authenticateBearer } from "@/lib/tokens";
import { useTestDatabase } from "../support/db";
import { makeTrustWithBoard } from "../support/factories";

const t = useTestDatabase();

async function statementsOf(fn: () => Promise<unknown>): Promise<number> {
  const before = sqlStatementCount();
  await fn();
  return sqlStatementCount() - before;
}

describe("statements per request", () => {
  it("counts the statements sent", async () => {
    expect(await statementsOf(() => t.db.execute(sql`select 1`))).toBe(1);
  });

  it("writes a token's last use once a minute, and sends no write in between", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    const { token, summary } = await createApiToken(ce, { name: "BI", scope: "read" });
    const first = await statementsOf(() => authenticateBearer(t.db, `Bearer ${token}`));
    const [row] = await t.db.select().from(apiTokens).where(eq(apiTokens.id, summary.id));
    expect(row.lastUsedAt).not.toBeNull();
    const second = await statementsOf(() => authenticateBearer(t.db, `Bearer ${token}`));
    expect(second).toBe(first - 1);
    // A minute later it is written again.
    await t.db.update(apiTokens).set({ lastUsedAt: new Date(Date.now() - 61_000) }).where(eq(apiTokens.id, summary.id));
    expect(await statementsOf(() => authenticateBearer(t.db, `Bearer ${token}`))).toBe(first);
  });

  it("counts the inbox in at most two statements", async () => {
    const { ce, chair } = await makeTrustWithBoard(t.db);
    expect(await statementsOf(() => countInbox(ce))).toBeLessThanOrEqual(2);
    expect(await statementsOf(() => countInbox(chair))).toBeLessThanOrEqual(2);
  });
});
