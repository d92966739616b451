// Words for an audit chain report, shared by `npm run audit:verify` and anything else that prints it.
import type { AuditReport } from "./audit";
import { hashCanonical } from "./canonical";
import { pluralise } from "./format";

/**
 * One digest over every chain's head (canonical JSON of [{chain, seq, hash}] sorted by chain), so a
 * single "head hash" can be written down and compared later, whatever the number of chains.
 */
export function combinedHeadHash(report: AuditReport): string {
  return hashCanonical(report.chains.map((c) => ({ chain: c.chain, seq: c.events, hash: c.headHash })));
}

/** "intact, N events, head hash …" or the first broken link, plus one line per chain. */
export function formatAuditReport(report: AuditReport, names: Map<string, string> = new Map()): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  if (report.intact) {
    lines.push(`intact, ${pluralise(report.events, "event")}, head hash ${combinedHeadHash(report)}`);
  } else {
    const b = report.firstBroken!;
    lines.push(`BROKEN at chain ${b.chain}${names.has(b.chain) ? ` (${names.get(b.chain)})` : ""}, sequence number ${b.seq}: ${b.problem}`);
  }
  for (const c of report.chains) {
    const name = names.get(c.chain);
    lines.push(
      `  ${c.chain}${name ? ` (${name})` : ""}: ${pluralise(c.events, "event")}, head hash ${c.headHash}${c.broken ? ` — broken at ${c.broken.seq}: ${c.broken.problem}` : ""}`,
    );
  }
  return { ok: report.intact, lines };
}
