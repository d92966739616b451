// The board paper as an A4 PDF (pdfkit, standard Helvetica: no font files to ship). Every page
// carries the decision's version and content hash in its footer, and "Page n of m".
import { ratificationWords } from "../chairs-action-words";
import PDFDocument from "pdfkit";
import { formatDate, formatDateTime, formatImpactK, formatMoneyK } from "../format";
import { labelOfType } from "../attachments/sniff";
import { formatBytes } from "../decisions/diff";
import {
  CATEGORY_LABEL,
  FACTOR_LABEL,
  FAVOURED_LABEL,
  FORUM_LABEL,
  ORG_ROLE_LABEL,
  OUTCOME_LABEL,
  POSITION_LABEL,
  SEAT_LABEL,
  STATUS_LABEL,
  contextLine,
  countingLine,
  riskLines,
} from "./labels";
import type { BoardPaper } from "./types";

const MARGIN = 56; // 2 cm
const FOOTER = 40;
const BLUE = "#005EB8";
const TEXT = "#212B32";
const GREY = "#4C6272";

// The standard PDF fonts encode WinAnsi only: map what people type that it lacks, and drop the rest.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const REPLACE: Record<string, string> = { "−": "-", "≥": ">=", "≤": "<=", "→": "->", "←": "<-", "✓": "v", "✔": "v", "≈": "~", "′": "'", "″": '"', "\u00a0": " ", "\u2009": " ", "\u202f": " " };

export function pdfSafe(s: string): string {
  let out = "";
  for (const ch of s.replace(/\r\n?/g, "\n")) {
    const code = ch.codePointAt(0)!;
    if (ch === "\n" || ch === "\t") out += ch;
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0)) continue;
    else if (code <= 0xff || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else out += REPLACE[ch] ?? "?";
  }
  return out;
}

export async function renderBoardPaperPdf(paper: BoardPaper): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, left: MARGIN, right: MARGIN, bottom: MARGIN + FOOTER },
    bufferPages: true,
    info: {
      Title: pdfSafe(`Board paper: ${paper.title}`),
      Author: pdfSafe(paper.trust.name),
      Subject: `Decision ${paper.decisionId}, version ${paper.version}, content hash ${paper.contentHash ?? "none"}`,
      Creator: "Fulcrum",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  drawBoardPaper(doc, paper);
  stampFooters(doc, paper);
  doc.end();
  return done;
}

/** The paper's content, drawn on `doc` from where it stands (the meeting's board pack reuses it: lib/meetings/pack.ts). */
export function drawBoardPaper(doc: PDFKit.PDFDocument, paper: BoardPaper) {
  const width = doc.page.width - MARGIN * 2;
  /** `keep`: points of what follows to keep on the same page as the heading. */
  const heading = (text: string, keep = 60) => {
    if (doc.y > doc.page.height - MARGIN - FOOTER - keep) doc.addPage();
    doc.moveDown(0.8).font("Helvetica-Bold").fontSize(13).fillColor(BLUE).text(pdfSafe(text), { width });
    doc.moveDown(0.3).fillColor(TEXT);
  };
  const para = (text: string, empty = "Not given") => {
    doc.font("Helvetica").fontSize(10.5).fillColor(text ? TEXT : GREY).text(pdfSafe(text || empty), { width, lineGap: 2 });
    doc.fillColor(TEXT);
  };
  const field = (key: string, value: string) => {
    doc.font("Helvetica-Bold").fontSize(10.5).text(pdfSafe(`${key}: `), { continued: true, width }).font("Helvetica").text(pdfSafe(value || "Not given"), { lineGap: 2 });
  };

  // Title block
  doc.font("Helvetica").fontSize(10).fillColor(GREY).text(pdfSafe(`${paper.trust.name} (${paper.trust.ods}) · Board paper`), { width });
  doc.moveDown(0.3).font("Helvetica-Bold").fontSize(20).fillColor(TEXT).text(pdfSafe(paper.title), { width });
  doc.moveDown(0.5);
  field("Status", ratificationWords(STATUS_LABEL[paper.status] ?? paper.status, paper.ratification));
  field("Favours", paper.favoured ? FAVOURED_LABEL[paper.favoured] : "Not yet chosen");
  field("Category", paper.category ? (CATEGORY_LABEL[paper.category] ?? paper.category) : "Not yet chosen");
  field("Decided on", formatDate(paper.decidedOn) || "Not given");
  field("Version", `${paper.version}`);

  heading("Summary");
  para(paper.summary);
  heading("Context at the time");
  const ctx = contextLine(paper.context);
  if (ctx) para(ctx);
  para(paper.context.notes, ctx ? "" : "Not given");
  heading("Options considered");
  para(paper.options);
  heading("Rationale");
  para(paper.rationale);
  heading("Factors weighed");
  para(paper.factors.map((f) => FACTOR_LABEL[f] ?? f).join("; "), "None recorded");
  heading("Estimated impact");
  field("On the trust", [formatImpactK(paper.impactOnTrust.amountK, "trust"), paper.impactOnTrust.text].filter(Boolean).join(". "));
  field("On the system", [formatImpactK(paper.impactOnSystem.amountK, "system"), paper.impactOnSystem.text].filter(Boolean).join(". "));

  heading("Who benefits and who bears the cost");
  if (!paper.organisations.length) para("", "No organisations named");
  for (const o of paper.organisations) {
    para(`${ORG_ROLE_LABEL[o.role]}: ${o.name} (${o.ods})${o.amountK !== null ? `, ${formatMoneyK(o.amountK)}` : ""}`);
  }

  if (paper.riskAppetite) {
    const r = riskLines(paper.riskAppetite, paper.version > 0);
    heading("Risk and the board's appetite");
    for (const line of r.outside) doc.font("Helvetica-Bold").fontSize(10.5).text(pdfSafe(line), { width, lineGap: 2 });
    if (r.gate) para(r.gate);
    for (const line of r.risks) para(line);
    para(r.compared);
  }

  if (paper.files.length) {
    heading("Evidence files");
    for (const f of paper.files) para(`${f.name} (${labelOfType(f.type)}, ${formatBytes(f.size)}). SHA-256 ${f.sha256}`);
  }

  heading("Success criteria and outcomes");
  if (!paper.criteria.length) para("", "No criteria recorded");
  paper.criteria.forEach((c, i) => {
    doc.font("Helvetica-Bold").fontSize(10.5).text(pdfSafe(`${i + 1}. ${c.statement}`), { width, lineGap: 2 });
    const bits = [c.measure && `Measure: ${c.measure}`, c.baseline && `Baseline: ${c.baseline}`, c.target && `Target: ${c.target}`, c.judgedBy && `Judged by ${formatDate(c.judgedBy)}`].filter(Boolean);
    if (bits.length) para(bits.join(" · "));
    para(
      c.outcome
        ? `Outcome: ${OUTCOME_LABEL[c.outcome.outcome]} (assessed by ${c.outcome.assessedBy} on ${formatDate(c.outcome.assessedOn)}). ${c.outcome.evidence}`
        : "Outcome: not yet assessed",
    );
    doc.moveDown(0.3);
  });

  heading("Sign-off record", 150);
  if (paper.signOff.signedOffAt) para(`Signed off on ${formatDateTime(paper.signOff.signedOffAt)}.`);
  if (paper.signOff.declinedAt) para(`Declined by the Chair on ${formatDateTime(paper.signOff.declinedAt)}. ${paper.signOff.declineReason ?? ""}`);
  para(countingLine(paper));
  if (!paper.positions.length) para("", "No positions recorded");
  for (const p of paper.positions) {
    if (doc.y > doc.page.height - MARGIN - FOOTER - 70) doc.addPage();
    doc
      .font("Helvetica-Bold")
      .fontSize(10.5)
      .text(pdfSafe(`${p.memberName}, ${SEAT_LABEL[p.seat]}: ${POSITION_LABEL[p.position]}${p.superseded ? " (replaced by a later position)" : ""}`), { width, lineGap: 2 });
    para(`${FORUM_LABEL[p.forum]} · version ${p.version} · ${formatDateTime(p.recordedAt)}`);
    para(p.conflict ? `Conflict of interest declared: ${p.conflict}` : "No conflict of interest declared");
    para(p.counts ? "Counts toward sign-off" : `Not counted toward sign-off: ${(p.notCountedReason ?? "").toLowerCase()}`);
    if (p.comment) para(`Comment: ${p.comment}`);
    doc.moveDown(0.4);
  }

  heading("Record integrity", 150);
  para(
    "A regulator or auditor can check this paper: the content hash is the SHA-256 of the frozen version's canonical content, " +
      "and the audit chain head is the hash of the latest event in the trust's tamper-evident audit chain when this paper was generated.",
  );
  doc.moveDown(0.3);
  field("Decision", paper.decisionId);
  field("Version", String(paper.version));
  doc.font("Helvetica-Bold").fontSize(10.5).text("Content hash (SHA-256):");
  doc.font("Courier").fontSize(9.5).text(paper.contentHash ?? "none (never submitted)", { width });
  doc.font("Helvetica-Bold").fontSize(10.5).text(pdfSafe(`Audit chain head (${paper.auditChain}):`));
  doc.font("Courier").fontSize(9.5).text(paper.auditHeadHash, { width });
  doc.font("Helvetica");
  field("Generated", formatDateTime(paper.generatedAt));

}

function stampFooters(doc: PDFKit.PDFDocument, paper: BoardPaper) {
  const width = doc.page.width - MARGIN * 2;
  // Footers, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN - 14;
    doc.moveTo(MARGIN, y - 6).lineTo(doc.page.width - MARGIN, y - 6).lineWidth(0.5).strokeColor("#D8DDE0").stroke();
    doc
      .font("Helvetica")
      .fontSize(7.5)
      .fillColor(GREY)
      .text(pdfSafe(`Version ${paper.version} · content hash ${paper.contentHash ?? "none"}`), MARGIN, y, { width: width - 60, lineBreak: false });
    doc.text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + width - 60, y, { width: 60, align: "right", lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
