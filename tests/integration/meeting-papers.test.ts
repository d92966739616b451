import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { verifyAuditChains } from "@/lib/audit";
import { addAgendaItem, buildBoardPack, createMeeting, draftMinutes, getMeeting, issuePack, markMinuted, minutesAsText, minutesDocx, recordDeclaration, recordResolution, setCoverSheet } from "@/lib/meetings";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { heldMeeting, makeTrustWithSecretary } from "../support/meeting-fixture";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();
const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-meeting-"));
const pdfText = (pdf: Buffer) => {
  const f = path.join(dir, `pack-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, pdf);
  return execFileSync("pdftotext", ["-layout", f, "-"]).toString();
};
const docxXml = (docx: Buffer) => {
  const f = path.join(dir, `minutes-${Math.random().toString(36).slice(2)}.docx`);
  writeFileSync(f, docx);
  return execFileSync("unzip", ["-p", f, "word/document.xml"]).toString();
};

describe("the board pack", () => {
  it("has the agenda with page numbers, each cover sheet and paper stamped with its version and hash; another trust gets not found", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d1 = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Open a joint frailty unit" });
    const d2 = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Share the elective waiting list" });
    const m = await createMeeting(b.secretary, { date: "2026-12-03", time: "10:00", kind: "private_board", location: "Boardroom" });
    await addAgendaItem(b.secretary, m.id, { title: "Chair's welcome", presenter: "The Chair" });
    const i1 = await addAgendaItem(b.secretary, m.id, { decisionId: d1.id });
    await addAgendaItem(b.ce, m.id, { decisionId: d2.id });
    await setCoverSheet(b.ce, i1.id, { purpose: "decision", recommendation: "The Board is asked to approve the unit", executiveLead: "Chief Operating Officer", strategicRisks: "BAF risk 3: urgent care flow" });
    await expect(buildBoardPack(b.secretary, m.id)).rejects.toMatchObject({ code: "conflict" });
    await issuePack(b.secretary, m.id);
    const pack = await buildBoardPack(b.chair, m.id);
    expect(pack.fileName).toMatch(/-private\.pdf$/);
    const text = pdfText(pack.pdf);
    expect(text).toContain("Agenda");
    expect(text).toMatch(/2\. Open a joint frailty unit.*page \d+/);
    expect(text).toContain("The Board is asked to approve the unit");
    expect(text).toContain("BAF risk 3: urgent care flow");
    expect(text).toContain(d1.contentHash!);
    expect(text).toContain(d2.contentHash!);
    expect(text).toMatch(/Item 3 · version 1 · content hash/);
    const other = await makeTrustWithSecretary(t.db);
    await expect(buildBoardPack(other.secretary, m.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(setCoverSheet(other.secretary, i1.id, { purpose: "information" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the minutes", () => {
  it("are drafted from the record, as text and .docx, and marking minuted puts their SHA-256 in the audit chain", async () => {
    const b = await makeTrustWithSecretary(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce, title: "Take on the stroke beds" });
    const { meeting, items } = await heldMeeting(b.secretary, [d.id], { present: [b.chair, b.ned1, b.ned2, b.exec, b.ce] });
    await recordDeclaration(b.secretary, items[0].id, { userId: b.exec.userId, description: "Brother-in-law runs the provider" });
    const r = await recordResolution(b.secretary, items[0].id, { resolution: "approved", exceptions: [{ userId: b.ned2.userId, position: "object", comment: "The workforce plan is not funded" }] });
    // Chair and NED 1 support (the executive took no part): two of three.
    expect(r).toMatchObject({ positionsRecorded: 3, signedOff: false });
    const text = minutesAsText(await draftMinutes(b.secretary, meeting.id));
    expect(text).toContain('The Board considered "Take on the stroke beds"');
    expect(text).toContain("The Board APPROVED the recommendation.");
    expect(text).toContain(`${b.ned2.name} objected: "The workforce plan is not funded".`);
    expect(text).toContain(`${b.exec.name} declared an interest (Brother-in-law runs the provider) and took no part in the item.`);
    const { docx, fileName } = await minutesDocx(b.secretary, meeting.id);
    expect(fileName).toMatch(/\.docx$/);
    const xml = docxXml(docx);
    expect(xml).toContain("The workforce plan is not funded");
    expect(xml).toContain("APPROVED");

    const other = await makeTrustWithSecretary(t.db);
    await expect(minutesDocx(other.secretary, meeting.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(markMinuted(b.ned1, meeting.id, { fileName: "m.docx", bytes: docx })).rejects.toMatchObject({ code: "forbidden" });
    await expect(markMinuted(b.secretary, meeting.id, { fileName: "m.docx", bytes: new Uint8Array() })).rejects.toMatchObject({ code: "invalid" });
    const approved = Buffer.concat([docx, Buffer.from("approved")]);
    const { sha256 } = await markMinuted(b.secretary, meeting.id, { fileName: "minutes-approved.docx", bytes: approved });
    expect(sha256).toBe(createHash("sha256").update(approved).digest("hex"));
    const [ev] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, meeting.id), eq(auditEvents.action, "meeting.minuted")));
    expect(ev.after).toMatchObject({ minutesSha256: sha256 });
    expect((await getMeeting(b.ned1, meeting.id)).meeting).toMatchObject({ status: "minuted", minutesSha256: sha256 });
    await expect(markMinuted(b.secretary, meeting.id, { fileName: "again.docx", bytes: approved })).rejects.toMatchObject({ code: "conflict" });
    expect((await verifyAuditChains(t.db)).intact).toBe(true);
  });
});
