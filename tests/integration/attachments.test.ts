import { createHash } from "node:crypto";
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attachmentBlobs, attachments, auditEvents, decisions } from "@/db/schema";
import { addDecisionFile, addOutcomeFile, listDecisionFiles, openFile, removeDecisionFile } from "@/lib/attachments";
import { createDecision, getDecisionVersion, listCurrentCriteria, listRegister, submitDecision } from "@/lib/decisions";
import { hashVersionContent } from "@/lib/decisions/content";
import { AppError } from "@/lib/errors";
import { recordOutcome } from "@/lib/outcomes";
import { recordPosition } from "@/lib/sign-off";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { decisionInput } from "../support/decisions";
import { collect, makeExe, makePdf, makePng } from "../support/files";
import { makeTrustWithBoard } from "../support/factories";
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

async function row(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  return d;
}

async function fileCount(decisionId: string) {
  const [{ n }] = await t.db.select({ n: count() }).from(attachments).where(eq(attachments.decisionId, decisionId));
  return n;
}

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

describe("evidence files on a decision", () => {
  it("are frozen into the version content at submission, with name, size, type and SHA-256", async () => {
    const a = await makeTrustWithBoard(t.db);
    const draft = await createDecision(a.ce, decisionInput({ title: "Shared pathology network" }));
    const pdf = await makePdf(["Business case for the shared pathology network"]);
    const added = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision, name: "Business case.pdf", bytes: pdf });
    expect(added.version).toBe(0);
    await submitDecision(a.ce, { id: draft.id, baseRevision: added.revision });

    const { content, contentHash } = await getDecisionVersion(a.ce, draft.id, 1);
    expect(content.attachments).toEqual([{ name: "Business case.pdf", size: pdf.length, type: "application/pdf", sha256: sha(pdf) }]);
    expect(hashVersionContent(content)).toBe(contentHash);
    const [audit] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, draft.id), eq(auditEvents.action, "decision.file_added")));
    expect(audit.after).toMatchObject({ name: "Business case.pdf", sha256: sha(pdf), changed: ["attachments"] });
  });

  it("makes an amendment when added to a decision awaiting sign-off: version 2, and positions on version 1 count no more", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    await recordPosition(a.chair, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    const png = makePng(2_500);
    const added = await addDecisionFile(a.ce, { decisionId: d.id, baseRevision: d.revision, name: "Finance model chart.png", bytes: png });
    expect(added.version).toBe(2);
    const after = await row(d.id);
    expect(after.status).toBe("awaiting_sign_off");
    expect(after.version).toBe(2);
    const v2 = await getDecisionVersion(a.chair, d.id, 2);
    expect(v2.content.attachments?.map((f) => f.name)).toEqual(["Finance model chart.png"]);
    const v1 = await getDecisionVersion(a.chair, d.id, 1);
    expect(v1.content.attachments).toBeUndefined();
    // The Chair's support was on version 1: recording again on version 2 is needed.
    expect((await recordPosition(a.chair, { decisionId: d.id, position: "support", forum: "public_board", version: 2 })).effect).toBe("recorded");

    // Removing it is an amendment too, and version 2 still names it (and it can still be opened).
    const removed = await removeDecisionFile(a.ce, { decisionId: d.id, baseRevision: (await row(d.id)).revision, fileId: added.fileId });
    expect(removed.version).toBe(3);
    expect((await getDecisionVersion(a.ce, d.id, 3)).content.attachments).toBeUndefined();
    expect(sha(await collect((await openFile(a.ned1, added.fileId)).chunks))).toBe(sha(png));
  });

  it("refuses a stale page, a renamed program, a file over 20 MB and a duplicate, writing nothing", async () => {
    const a = await makeTrustWithBoard(t.db);
    const draft = await createDecision(a.ce, decisionInput());
    const pdf = await makePdf(["Options appraisal"]);
    expect(await code(addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision - 1, name: "a.pdf", bytes: pdf }))).toBe("conflict");

    const exe = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision, name: "business-case.pdf", bytes: makeExe() }).catch((e) => e);
    expect(exe).toBeInstanceOf(AppError);
    expect(exe.code).toBe("invalid");
    expect(exe.fieldErrors.file).toMatch(/must be a PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG file/);

    const misnamed = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision, name: "appraisal.docx", bytes: pdf }).catch((e) => e);
    expect(misnamed.fieldErrors.file).toMatch(/is a PDF but its name ends in \.docx/);

    const big = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision, name: "scan.png", bytes: makePng(20 * 1024 * 1024 + 1) }).catch((e) => e);
    expect(big.code).toBe("too_large");
    expect(big.fieldErrors.file).toBe("The selected file must be smaller than 20 MB");

    expect(await fileCount(draft.id)).toBe(0);
    expect((await row(draft.id)).revision).toBe(draft.revision);

    const first = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: draft.revision, name: "a.pdf", bytes: pdf });
    const dup = await addDecisionFile(a.ce, { decisionId: draft.id, baseRevision: first.revision, name: "copy.pdf", bytes: pdf }).catch((e) => e);
    expect(dup.fieldErrors.file).toBe("This file is already attached, as a.pdf");
    expect(await fileCount(draft.id)).toBe(1);
  });

  it("serves the exact bytes in chunks, to readers of the decision only (another trust, and the ICS for a board-only decision, get not found)", async () => {
    const a = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const boardOnly = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "trust" });
    const shared = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "system" });
    const png = makePng(2 * 1024 * 1024 + 17); // three chunks
    const f1 = await addDecisionFile(a.ce, { decisionId: boardOnly.id, baseRevision: boardOnly.revision, name: "chart.png", bytes: png });
    const f2 = await addDecisionFile(a.ce, { decisionId: shared.id, baseRevision: shared.revision, name: "chart.png", bytes: makePng(100) });

    for (const reader of [a.ce, a.chair, a.ned1, a.exec]) {
      const file = await openFile(reader, f1.fileId);
      expect(file).toMatchObject({ name: "chart.png", size: png.length, type: "image/png" });
      expect(sha(await collect(file.chunks))).toBe(sha(png));
    }
    for (const outsider of [other.ce, other.chair, a.icsLead, other.icsLead]) expect(await code(openFile(outsider, f1.fileId))).toBe("not_found");
    expect(await code(openFile(a.icsLead, f2.fileId))).toBe("ok");
    expect(await code(openFile(other.icsLead, f2.fileId))).toBe("not_found");
    expect(await code(openFile(a.ce, "not-a-uuid"))).toBe("not_found");

    // Writing: only the trust's Chief Executive; anyone else is refused without a hint.
    expect(await code(addDecisionFile(other.ce, { decisionId: shared.id, baseRevision: 0, name: "x.png", bytes: makePng(10) }))).toBe("not_found");
    expect(await code(addDecisionFile(a.chair, { decisionId: shared.id, baseRevision: 0, name: "x.png", bytes: makePng(10) }))).toBe("forbidden");
    expect(await code(removeDecisionFile(other.ce, { decisionId: boardOnly.id, baseRevision: 0, fileId: f1.fileId }))).toBe("not_found");
    expect((await listDecisionFiles(a.icsLead, shared.id)).decisionFiles.map((f) => f.name)).toEqual(["chart.png"]);
  });

  it("makes the text of attached PDFs searchable in the register, for those who may read the decision only", async () => {
    const a = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const word = `xylophonist${Date.now()}`;
    const boardOnly = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "trust", title: "Board-only with a file" });
    const shared = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, visibility: "system", title: "Shared with a file" });
    await addDecisionFile(a.ce, { decisionId: boardOnly.id, baseRevision: boardOnly.revision, name: "case.pdf", bytes: await makePdf([`Appendix: the ${word} model`]) });
    await addDecisionFile(a.ce, { decisionId: shared.id, baseRevision: shared.revision, name: "case2.pdf", bytes: await makePdf(["Cover", `Second page: ${word} savings`]) });

    const titles = async (actor: typeof a.ce) => (await listRegister(actor, { q: word })).rows.map((r) => r.title).sort();
    expect(await titles(a.ned1)).toEqual(["Board-only with a file", "Shared with a file"]);
    expect(await titles(a.icsLead)).toEqual(["Shared with a file"]);
    expect(await titles(other.ce)).toEqual([]);
  });
});

describe("evidence files on an outcome assessment", () => {
  it("are added by whoever may record outcomes, audited with their hash, and listed with the decision's outcomes", async () => {
    const a = await makeTrustWithBoard(t.db);
    const other = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    for (const m of [a.chair, a.ned1, a.ned2]) await recordPosition(m, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    expect((await row(d.id)).status).toBe("signed_off");
    const [criterion] = await listCurrentCriteria(a.ce, d.id);
    const { outcomeId } = await recordOutcome(a.ce, { criterionId: criterion.id, outcome: "met", evidence: "Waiting list report, March", confirmEarly: true });

    // A decision's own files are frozen once signed off.
    expect(await code(addDecisionFile(a.ce, { decisionId: d.id, baseRevision: (await row(d.id)).revision, name: "late.png", bytes: makePng(10) }))).toBe("conflict");

    const pdf = await makePdf(["Waiting list report, March"]);
    const { fileId } = await addOutcomeFile(a.ce, { outcomeId, name: "report.pdf", bytes: pdf });
    expect(await code(addOutcomeFile(a.ned1, { outcomeId, name: "mine.pdf", bytes: pdf }))).toBe("forbidden");
    expect(await code(addOutcomeFile(other.ce, { outcomeId, name: "x.pdf", bytes: pdf }))).toBe("not_found");

    const files = await listDecisionFiles(a.ned1, d.id);
    expect(files.outcomeFiles.map((f) => [f.name, f.outcomeId])).toEqual([["report.pdf", outcomeId]]);
    expect(sha(await collect((await openFile(a.ned2, fileId)).chunks))).toBe(sha(pdf));
    expect(await code(openFile(other.chair, fileId))).toBe("not_found");
    const [audit] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "outcome.evidence_added")).orderBy(auditEvents.seq);
    expect(audit).toBeDefined();
    const [blob] = await t.db.select({ id: attachmentBlobs.attachmentId }).from(attachmentBlobs).where(eq(attachmentBlobs.attachmentId, fileId));
    expect(blob.id).toBe(fileId);
  });
});
