// Statements per request (issue 16, item 2): the db client counts what it sends; a token's last use is
// written at most once a minute, with no statement at all in between; the inbox count is one lookup.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sqlStatementCount } from "@/db/client";
import { apiTokens } from "@/db/schema";
import { countInbox } from "@/lib/inbox";
import { loadActor } from "@/lib/actors";
import { liveSession, startSession } from "@/lib/auth/sessions";
import { mustEnrolTotp } from "@/lib/auth/totp";
import { createDecision, getDecision, getImportedSignOff, listComments, listDecisionTimeline, submitDecision } from "@/lib/decisions";
import { getSignOffPanel, recordPosition } from "@/lib/sign-off";
import { getOutcomesPanel } from "@/lib/outcomes";
import { listMeetingsForDecision, listRecordedPositionNotes } from "@/lib/meetings";
import { listDecisionFiles } from "@/lib/attachments";
import { getChairsActionView } from "@/lib/chairs-action";
import { readTogether } from "@/lib/request-memo";
import { decisionInput } from "../support/decisions";
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

  // The decision page (issue 16, item 2): what app/layout.tsx and app/decisions/[id]/page.tsx read for
  // a signed-off decision, as one request (the render's memo: readTogether). The page-level count is
  // `npm run bench`'s (README). Goal 12; this pins today's figure so it cannot grow unnoticed.
  it("reads the decision page in a bounded number of statements", async () => {
    const b = await makeTrustWithBoard(t.db);
    const created = await createDecision(b.ce, decisionInput());
    const submitted = await submitDecision(b.ce, { id: created.id, baseRevision: created.revision });
    for (const m of [b.chair, b.ned1, b.ned2]) await recordPosition(m, { decisionId: created.id, position: "support", forum: "public_board", version: submitted.version });
    expect((await getDecision(b.ce, created.id)).status).toBe("signed_off");
    const sessionId = await startSession(t.db, { userId: b.ce.userId, method: "password" });
    const id = created.id;
    // A warm pool, as a running server has: on PostgreSQL the driver reads the array types once per new
    // connection, and the page's parallel reads would otherwise open (and count) fresh connections.
    await Promise.all(Array.from({ length: 5 }, () => t.db.execute(sql`select pg_sleep(0.05)`)));
    const n = await statementsOf(async () => {
      // The session, the actor, the second-factor check (lib/auth getActor, requireActor: once per request).
      expect(await liveSession(t.db, sessionId, b.ce.userId)).not.toBeNull();
      const actor = (await loadActor(t.db, b.ce.userId))!;
      await mustEnrolTotp(t.db, { id: actor.userId, email: actor.email });
      await readTogether(() =>
        Promise.all([
          countInbox(actor),
          getDecision(actor, id), // generateMetadata
          getDecision(actor, id).then(() =>
            Promise.all([
              getChairsActionView(actor, id), // the Chair's action section
              listDecisionFiles(actor, id),
              getSignOffPanel(actor, id),
              getChairsActionView(actor, id), // …and the sign-off panel's urgency
              listRecordedPositionNotes(actor, id),
              getImportedSignOff(actor, id),
              listMeetingsForDecision(actor, id),
              getOutcomesPanel(actor, id),
              listComments(actor, id),
              listDecisionTimeline(actor, id),
            ]),
          ),
        ]),
      );
    });
    expect(n).toBeLessThanOrEqual(DECISION_PAGE_STATEMENTS);
  });
});

/** Today's figure for the decision page (goal: 12); lower it when a read is folded away. */
const DECISION_PAGE_STATEMENTS = 12;
