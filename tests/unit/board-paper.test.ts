import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { pdfSafe, renderBoardPaperPdf } from "@/lib/board-paper/pdf";
import type { BoardPaper } from "@/lib/board-paper/types";

const HASH = "3f9a2c4e5b6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b";
const HEAD = "b".repeat(64);

function paper(positions = 6): BoardPaper {
  const names = ["Alice Chair", "Bola Nonexec", "Chen Nonexec", "Dara Executive", "Eve Nonexec", "Femi Nonexec", "Gita Exec"];
  return {
    decisionId: "0b7f2a34-7c1e-4e0e-9d39-4d2b3f1a9c10",
    title: "Host the system's elective hub at Northfield — a long title that wraps across the line to test wrapping",
    trust: { ods: "RNA", name: "Northfield Acute NHS Foundation Trust" },
    status: "signed_off",
    summary: "Theatres at our site serve the whole ICS. ".repeat(12),
    context: { financialPosition: "deficit", financialAmountM: -12, regulatorRating: "Requires improvement", notes: "Winter pressures." },
    options: "1. Do nothing.\n2. Host the hub.\n3. Share with RNB.",
    rationale: "The system's waiting list matters more than our margin − a cost of £250k is acceptable ≥ twice the benefit. ".repeat(30),
    favoured: "system",
    category: "capacity",
    factors: ["population_outcomes", "economies_of_scale"],
    impactOnTrust: { amountK: -250, text: "Theatre time given up" },
    impactOnSystem: { amountK: 1200, text: "Shorter waits" },
    decidedOn: "2026-03-01",
    organisations: [{ ods: "RNB", name: "Riverside Trust", role: "benefits", amountK: 400 }],
    criteria: [
      { statement: "Waits over 52 weeks fall", measure: "RTT", baseline: "900", target: "below 500", judgedBy: "2027-03-31", outcome: { outcome: "met", evidence: "Q3 report", assessedOn: "2027-04-02", assessedBy: "Alice Chair" } },
      { statement: "Trust deficit no worse", measure: "I&E", baseline: "-12m", target: "-12m", judgedBy: "2027-03-31", outcome: null },
    ],
    files: [{ name: "Business case — pathology.pdf", size: 2_400_000, type: "application/pdf", sha256: "c".repeat(64) }],
    positions: names.slice(0, positions).map((n, i) => ({
      memberName: n,
      seat: i === 0 ? "chair" : i === 3 ? "executive" : "non_executive",
      position: i === 2 ? "object" : i === 4 ? "abstain" : "support",
      forum: i === 1 ? "private_session" : "public_board",
      conflict: i === 3 ? "Spouse works at Riverside Trust" : null,
      comment: `Comment number ${i + 1} from ${n}.`,
      version: 2,
      contentHash: HASH,
      recordedAt: "2026-03-15T10:00:00Z",
      superseded: false,
      counts: i !== 2 && i !== 3 && i !== 4,
      notCountedReason: i === 2 ? "Objection" : i === 3 ? "Conflict of interest declared" : i === 4 ? "Abstention" : null,
    })),
    signOff: { signedOffAt: "2026-03-20T09:00:00Z", declinedAt: null, declineReason: null, counting: 3, needed: 3, chairRequired: true },
    version: 2,
    contentHash: HASH,
    auditHeadHash: HEAD,
    auditChain: "org:1234",
    generatedAt: "2026-05-01T12:00:00Z",
  };
}

function pdfText(buf: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paper-"));
  const file = path.join(dir, "paper.pdf");
  fs.writeFileSync(file, buf);
  try {
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("board paper PDF", () => {
  it("is an A4 PDF containing the hash, the audit head and every position", async () => {
    const p = paper();
    const buf = await renderBoardPaperPdf(p);
    expect(buf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(buf);
    expect(text).toContain(HASH);
    expect(text).toContain(HEAD);
    expect(text).toContain("Evidence files");
    expect(text).toContain("Business case — pathology.pdf (PDF, 2.3 MB)");
    for (const pos of p.positions) {
      expect(text).toContain(pos.memberName);
      expect(text).toContain(pos.comment);
    }
    expect(text).toContain("Spouse works at Riverside Trust");
    expect(text).toContain("Private session");
    expect(text).toMatch(/Chair's action|Public board meeting/);
    expect(text).toContain("Waits over 52 weeks fall");
    expect(text).toContain("Outcome: Met");
    // Several pages, each with its number and the hash in the footer.
    const pages = text.split("\f").filter((t) => t.trim());
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((pg, i) => {
      expect(pg).toContain(`Page ${i + 1} of ${pages.length}`);
      expect(pg).toContain(`content hash ${HASH}`);
    });
    const info = execFileSync("pdfinfo", ["-"], { input: buf, encoding: "utf8" });
    expect(info).toMatch(/Page size:\s+595\.28 x 841\.89 pts \(A4\)/);
  });

  it("renders a draft with nothing yet", async () => {
    const p = { ...paper(0), status: "draft", criteria: [], organisations: [], contentHash: null, version: 0, signOff: { signedOffAt: null, declinedAt: null, declineReason: null, counting: 0, needed: 3, chairRequired: true } };
    const text = pdfText(await renderBoardPaperPdf(p));
    expect(text).toContain("No positions recorded");
    expect(text).toContain("none (never submitted)");
  });

  it("maps characters the standard fonts lack", () => {
    expect(pdfSafe("−£250k ≥ 2 → ok ✓ 中")).toBe("-£250k >= 2 -> ok v ?");
    expect(pdfSafe("a\r\nb\u0007")).toBe("a\nb");
  });
});
