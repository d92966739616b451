import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { decisions } from "@/db/schema";
import { createDecision, getDecision, submitDecision, updateDecision } from "@/lib/decisions";
import { loadReadableDecision, readableDecision, sharedHistory } from "@/lib/decisions/access";
import { AppError } from "@/lib/errors";
import { readTogether } from "@/lib/request-memo";
import { recordPosition } from "@/lib/sign-off";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { decisionInput } from "../support/decisions";
import { makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

describe("loading a decision for an actor (lib/decisions/access.ts)", () => {
  it("follows the read rule: drafts for their author, submitted decisions for the trust's insiders, shared ones for the ICS lead", async () => {
    const a = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const draft = await createDecision(a.ce, decisionInput({ title: "A draft", visibility: "system" }));
    const shared = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "system" });
    const boardOnly = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "trust" });

    expect(await code(readableDecision(a.ce, draft.id))).toBe("ok");
    for (const actor of [a.chair, a.exec, a.icsLead, other.ce, other.chair]) expect(await code(readableDecision(actor, draft.id))).toBe("not_found");

    for (const actor of [a.ce, a.chair, a.ned1, a.exec, a.icsLead]) {
      const { decision, trust } = await readableDecision(actor, shared.id);
      expect(decision.id).toBe(shared.id);
      expect(trust.id).toBe(a.trust.id);
    }
    // Another trust's people and another ICS's lead: not found, never a hint.
    for (const actor of [other.ce, other.chair, other.icsLead]) expect(await code(readableDecision(actor, shared.id))).toBe("not_found");

    expect(await code(readableDecision(a.chair, boardOnly.id))).toBe("ok");
    expect(await code(readableDecision(a.icsLead, boardOnly.id))).toBe("not_found");
  });

  it("answers not found, not a database error, for an id that is not a UUID", async () => {
    const a = await makeTrustWithBoard(t.db);
    for (const id of ["nope", "-".repeat(36), `${"g".repeat(8)}-0000-0000-0000-000000000000`]) {
      expect(await code(readableDecision(a.chair, id))).toBe("not_found");
      expect(await code(t.db.transaction((tx) => loadReadableDecision(tx, a.chair, id, { lock: true })))).toBe("not_found");
    }
  });

  it("locks the decision row for a write, and refuses it to whoever may not read it", async () => {
    const a = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    const loaded = await t.db.transaction((tx) => loadReadableDecision(tx, a.chair, d.id, { lock: true }));
    expect(loaded.decision.revision).toBe(d.revision);
    expect(loaded.trust.signOffMinSupport).toBe(a.trust.signOffMinSupport);
    expect(await code(t.db.transaction((tx) => loadReadableDecision(tx, other.chair, d.id, { lock: true })))).toBe("not_found");
  });

  it("loads once for reads taken together, and afresh otherwise, so a read after a write sees it", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    const [first, second, dto1, dto2] = await readTogether(() =>
      Promise.all([readableDecision(a.chair, d.id), readableDecision(a.chair, d.id), getDecision(a.chair, d.id), getDecision(a.chair, d.id)]),
    );
    expect(second).toBe(first);
    expect(dto2).toBe(dto1);
    // Per actor: another reader gets their own load.
    const [chairs, neds] = await readTogether(() => Promise.all([readableDecision(a.chair, d.id), readableDecision(a.ned1, d.id)]));
    expect(neds).not.toBe(chairs);

    // Outside readTogether (and outside a render) nothing is memoised: a write in between is seen.
    const before = await getDecision(a.ce, d.id);
    await updateDecision(a.ce, { ...decisionInput({ title: "Retitled after reading" }), id: d.id, baseRevision: before.revision });
    const after = await getDecision(a.ce, d.id);
    expect(after).not.toBe(before);
    expect(after.title).toBe("Retitled after reading");
    await recordPosition(a.chair, { decisionId: d.id, position: "support", forum: "public_board", version: after.version });
    const [row] = await t.db.select().from(decisions).where(eq(decisions.id, d.id));
    expect((await readableDecision(a.chair, d.id)).decision.revision).toBe(row.revision);
  });

  it("gives the trust's insiders the whole history and the ICS lead only the shared versions", async () => {
    const a = await makeTrustWithBoard(t.db);
    const created = await createDecision(a.ce, decisionInput({ title: "Shared later", visibility: "trust" }));
    const v1 = await submitDecision(a.ce, { id: created.id, baseRevision: created.revision });
    await updateDecision(a.ce, { ...decisionInput({ title: "Shared later", visibility: "system" }), id: created.id, baseRevision: v1.revision });
    const d = { id: created.id, trustId: a.trust.id };
    const chair = await sharedHistory(a.chair, d);
    expect([chair.version(1), chair.version(2)]).toEqual([true, true]);
    const lead = await sharedHistory(a.icsLead, d);
    expect([lead.version(1), lead.version(2)]).toEqual([false, true]);
    // A lead of two ICSs, one of them this trust's, reads it as a lead: still only what was shared.
    const twoIcs = await makeUser(t.db, [
      { organisationId: a.trust.icsId!, role: "ics_lead" },
      { organisationId: (await makeTrustWithBoard(t.db)).trust.icsId!, role: "ics_lead" },
    ]);
    expect((await sharedHistory(twoIcs, d)).version(1)).toBe(false);
  });
});
