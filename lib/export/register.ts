// The register export (README, "CSV columns"): one row per decision, the same columns in CSV and XLSX.
// The SQL that produces RegisterExportRow lives with the register (wired after the merge); this file
// only says what a row is and how it is written.
import type { Column } from "./columns";

export type RegisterExportRow = {
  id: string;
  trustOds: string;
  trustName: string;
  title: string;
  summary: string;
  favoured: "system" | "trust" | null;
  category: string | null;
  status: string;
  /** YYYY-MM-DD */
  decidedOn: string | null;
  version: number;
  contentHash: string | null;
  factors: string[];
  criteriaCount: number;
  criteriaMet: number;
  positionsSupport: number;
  positionsObject: number;
  positionsAbstain: number;
  /** Supporting members counting toward sign-off, as the decision page's panel counts them (no conflicted member, no author). */
  supportCounted: number;
  /** YYYY-MM-DD */
  signedOffOn: string | null;
  /** Objections and abstentions on the current version, one per line, with their comments: dissent is never left out. */
  dissent: string;
  // Chair's action (issue 14).
  urgent: boolean;
  urgentReason: string;
  ratification: "awaiting" | "ratified" | "not_ratified" | null;
  /** YYYY-MM-DD */
  chairsActionOn: string | null;
  /** YYYY-MM-DD */
  ratificationDecidedOn: string | null;
  /** The risk taken per domain, "finance:open;workforce:cautious" (domain order); "" when none recorded. */
  risks: string;
  /** The current version is outside the board's risk appetite (decisions.outside_appetite). */
  outsideAppetite: boolean;
  /** Each domain outside the appetite, "finance:cautious<open" (appetite < risk taken). */
  outsideDomains: string;
  /** The risk appetite statement version the current version was compared with (null: none in force, or no risks). */
  appetiteVersion: number | null;
};

export const REGISTER_COLUMNS: Column<RegisterExportRow>[] = [
  { header: "id", type: "text", value: (r) => r.id, width: 38 },
  { header: "trust ODS", type: "text", value: (r) => r.trustOds, width: 10 },
  { header: "trust name", type: "text", value: (r) => r.trustName, width: 36 },
  { header: "title", type: "text", value: (r) => r.title, width: 48 },
  { header: "summary", type: "text", value: (r) => r.summary, width: 60 },
  { header: "favoured", type: "text", value: (r) => r.favoured, width: 10 },
  { header: "category", type: "text", value: (r) => r.category, width: 14 },
  { header: "status", type: "text", value: (r) => r.status, width: 18 },
  { header: "decided on", type: "date", value: (r) => r.decidedOn, width: 12 },
  { header: "version", type: "number", value: (r) => r.version, width: 9 },
  { header: "hash", type: "text", value: (r) => r.contentHash, width: 66 },
  { header: "factors", type: "text", value: (r) => r.factors.join(";"), width: 50 },
  { header: "criteria count", type: "number", value: (r) => r.criteriaCount, width: 9 },
  { header: "criteria met", type: "number", value: (r) => r.criteriaMet, width: 9 },
  { header: "positions support", type: "number", value: (r) => r.positionsSupport, width: 9 },
  { header: "positions object", type: "number", value: (r) => r.positionsObject, width: 9 },
  { header: "positions abstain", type: "number", value: (r) => r.positionsAbstain, width: 9 },
  { header: "support counting toward sign-off", type: "number", value: (r) => r.supportCounted, width: 9 },
  { header: "signed off on", type: "date", value: (r) => r.signedOffOn, width: 12 },
  { header: "objections and abstentions", type: "text", value: (r) => r.dissent, width: 60 },
  { header: "urgent", type: "text", value: (r) => (r.urgent ? "yes" : "no"), width: 8 },
  { header: "urgent reason", type: "text", value: (r) => r.urgentReason, width: 40 },
  { header: "ratification", type: "text", value: (r) => r.ratification, width: 14 },
  { header: "chair's action on", type: "date", value: (r) => r.chairsActionOn, width: 12 },
  { header: "ratification decided on", type: "date", value: (r) => r.ratificationDecidedOn, width: 12 },
  { header: "risks", type: "text", value: (r) => r.risks, width: 40 },
  { header: "outside appetite", type: "text", value: (r) => (r.outsideAppetite ? "yes" : "no"), width: 9 },
  { header: "outside appetite domains", type: "text", value: (r) => r.outsideDomains, width: 40 },
  { header: "risk appetite version", type: "number", value: (r) => r.appetiteVersion, width: 9 },
];

export const REGISTER_HEADERS = REGISTER_COLUMNS.map((c) => c.header);

export function registerFileName(ext: "csv" | "xlsx", now = new Date()): string {
  return `fulcrum-register-${now.toISOString().slice(0, 10)}.${ext}`;
}
