import "server-only";
// The board pack: one A4 PDF per meeting (a public meeting's and a private meeting's are separate
// files): front cover, agenda with page numbers, then for each decision item its cover sheet followed
// by the decision's board paper (lib/board-paper). Every page is stamped with its item's version and
// content hash as frozen when the pack was issued.
import PDFDocument from "pdfkit";
import type { Actor } from "../access";
import { buildBoardPaper } from "../board-paper/build";
import { drawBoardPaper, pdfSafe } from "../board-paper/pdf";
import { riskLines } from "../board-paper/labels";
import type { BoardPaper } from "../board-paper/types";
import { AppError } from "../errors";
import { formatDateTime, formatImpactK } from "../format";
import { getMeeting, type AgendaItemView } from "./read";
import { PURPOSE_LABELS } from "./schemas";

const MARGIN = 56;
const FOOTER = 40;
const BLUE = "#005EB8";
const TEXT = "#212B32";
const GREY = "#4C6272";
const FAVOURED = { system: "The wider system (ICS)", trust: "The trust" } as Record<string, string>;

export type BoardPack = { fileName: string; pdf: Buffer };

export async function buildBoardPack(actor: Actor, meetingId: string): Promise<BoardPack> {
  const view = await getMeeting(actor, meetingId);
  if (!view.meeting.packIssuedAt) throw new AppError("conflict", "The board pack has not been issued yet.");
  const papers = new Map<string, BoardPaper>();
  for (const item of view.items) if (item.decision) papers.set(item.id, await buildBoardPaper(actor, item.decision.id));

  const doc = new PDFDocument({ size: "A4", margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER }, bufferPages: true, info: { Title: pdfSafe(`Board pack: ${view.meeting.title}`), Author: pdfSafe(view.trust.name), Creator: "Fulcrum" } });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const width = doc.page.width - MARGIN * 2;
  const field = (k: string, v: string) => doc.font("Helvetica-Bold").fontSize(10.5).fillColor(TEXT).text(pdfSafe(`${k}: `), { continued: true, width }).font("Helvetica").text(pdfSafe(v || "Not given"), { lineGap: 2 });

  // Front cover
  doc.font("Helvetica").fontSize(12).fillColor(GREY).text(pdfSafe(`${view.trust.name} (${view.trust.ods})`), { width });
  doc.moveDown(2).font("Helvetica-Bold").fontSize(26).fillColor(BLUE).text("Board pack", { width });
  doc.moveDown(0.5).font("Helvetica-Bold").fontSize(16).fillColor(TEXT).text(pdfSafe(view.meeting.title), { width });
  doc.moveDown(0.5).font("Helvetica").fontSize(12).text(pdfSafe(`${formatDateTime(view.meeting.startsAt)}${view.meeting.location ? ` · ${view.meeting.location}` : ""}`), { width });
  doc.moveDown(0.5).text(pdfSafe(`Issued ${formatDateTime(view.meeting.packIssuedAt)}`), { width });
  doc.moveDown(0.5).text(view.meeting.kind === "public_board" ? "Papers for the meeting held in public." : "Papers for the meeting held in private: confidential to the board.", { width });

  // Agenda, its page numbers filled in once the items are laid out.
  doc.addPage();
  const agendaPage = doc.bufferedPageRange().count - 1;
  doc.font("Helvetica-Bold").fontSize(18).fillColor(BLUE).text("Agenda", { width });
  doc.moveDown(0.5);
  const agendaLines: { y: number; item: AgendaItemView }[] = [];
  for (const item of view.items) {
    agendaLines.push({ y: doc.y, item });
    doc.font("Helvetica").fontSize(11).fillColor(TEXT).text(pdfSafe(`${item.ordinal}. ${item.title}${item.presenter ? ` (${item.presenter})` : ""}${item.decision ? ` · ${item.cover ? PURPOSE_LABELS[item.cover.purpose] : "For decision"}` : ""}`), MARGIN, doc.y, { width: width - 70, lineGap: 2 });
    doc.moveDown(0.4);
  }
  if (!view.items.length) doc.font("Helvetica").fontSize(11).fillColor(GREY).text("No items on the agenda", { width });

  const starts = new Map<string, number>();
  const stamps: { from: number; to: number; text: string }[] = [];
  for (const item of view.items) {
    const paper = papers.get(item.id);
    if (!paper || !item.decision) continue;
    doc.addPage();
    const from = doc.bufferedPageRange().count - 1;
    starts.set(item.id, from + 1);
    doc.font("Helvetica").fontSize(10).fillColor(GREY).text(pdfSafe(`Item ${item.ordinal} · Cover sheet`), MARGIN, MARGIN, { width });
    doc.moveDown(0.3).font("Helvetica-Bold").fontSize(18).fillColor(TEXT).text(pdfSafe(item.title), { width });
    doc.moveDown(0.5);
    const c = item.cover;
    field("Purpose", c ? PURPOSE_LABELS[c.purpose] : "For decision");
    field("Recommendation", c?.recommendation ?? "");
    field("Executive lead", c?.executiveLead ?? "");
    field("Author", c?.author ?? "");
    field("Previously considered by", c?.previouslyConsideredBy ?? "");
    field("Link to the board's strategic risks", c?.strategicRisks ?? "");
    field("Side favoured", item.decision.favoured ? FAVOURED[item.decision.favoured] : "Not given");
    field("Impact on the trust", formatImpactK(item.decision.impactTrustK, "trust"));
    field("Impact on the system", formatImpactK(item.decision.impactSystemK, "system"));
    if (paper.riskAppetite) {
      // The gate in words: each domain outside the board's appetite, and what it means for sign-off.
      const r = riskLines(paper.riskAppetite, paper.version > 0);
      field("Risk appetite", r.outside.length ? "Outside the board's risk appetite" : r.compared);
      if (r.outside.length) {
        for (const line of r.outside) doc.font("Helvetica-Bold").fontSize(10.5).fillColor("#D5281B").text(pdfSafe(line), { width, lineGap: 2 });
        doc.font("Helvetica").fontSize(10.5).fillColor(TEXT).text(pdfSafe(r.gate ?? ""), { width, lineGap: 2 });
      }
    }
    field("Version in this pack", String(item.packVersion ?? item.decision.version));
    doc.font("Helvetica-Bold").fontSize(10.5).text("Content hash (SHA-256):");
    doc.font("Courier").fontSize(9.5).text(item.packHash ?? item.decision.contentHash ?? "none", { width });
    if (item.amendedSincePack) doc.moveDown(0.5).font("Helvetica-Bold").fontSize(11).fillColor("#D5281B").text(pdfSafe(`Amended since the pack was issued: version ${item.decision.version} is now current.`), { width }).fillColor(TEXT);
    doc.addPage();
    drawBoardPaper(doc, paper);
    const to = doc.bufferedPageRange().count - 1;
    stamps.push({ from, to, text: `Item ${item.ordinal} · version ${item.packVersion ?? paper.version} · content hash ${item.packHash ?? paper.contentHash ?? "none"}` });
  }

  const range = doc.bufferedPageRange();
  doc.switchToPage(agendaPage);
  for (const { y, item } of agendaLines) {
    const page = starts.get(item.id);
    if (page) doc.font("Helvetica").fontSize(11).fillColor(TEXT).text(`page ${page}`, MARGIN + width - 60, y, { width: 60, align: "right", lineBreak: false });
  }
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 14;
    const stamp = stamps.find((s) => i >= s.from && i <= s.to)?.text ?? pdfSafe(view.meeting.title);
    doc.font("Helvetica").fontSize(7.5).fillColor(GREY).text(pdfSafe(stamp), MARGIN, y, { width: width - 60, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + width - 60, y, { width: 60, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  const part = view.meeting.kind === "public_board" ? "public" : view.meeting.kind === "private_board" ? "private" : "committee";
  const date = view.meeting.startsAt.toISOString().slice(0, 10);
  return { fileName: `board-pack-${view.trust.ods}-${date}-${part}.pdf`, pdf: await done };
}
