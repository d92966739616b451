// The human sheet of the register workbook ("Readable"): labels and words, for people; the first sheet
// keeps the import-compatible columns (lib/export/register.ts).
import type { Column } from "./columns";
import type { HumanExportRow } from "../decisions/export-human";

export const HUMAN_SHEET_NAME = "Readable";

export const HUMAN_COLUMNS: Column<HumanExportRow>[] = [
  { header: "Trust", type: "text", value: (r) => r.trust, width: 36 },
  { header: "Decision", type: "text", value: (r) => r.title, width: 48 },
  { header: "Status", type: "text", value: (r) => r.status, width: 18 },
  { header: "Favoured", type: "text", value: (r) => r.favoured, width: 12 },
  { header: "Category", type: "text", value: (r) => r.category, width: 16 },
  { header: "Date decided", type: "text", value: (r) => r.decided, width: 18 },
  { header: "Summary", type: "text", value: (r) => r.summary, width: 60 },
  { header: "Rationale", type: "text", value: (r) => r.rationale, width: 60 },
  { header: "Impact on the trust", type: "text", value: (r) => r.impactOnTrust, width: 36 },
  { header: "Impact on the system", type: "text", value: (r) => r.impactOnSystem, width: 36 },
  { header: "Factors weighed", type: "text", value: (r) => r.factors, width: 40 },
  { header: "Success criteria and outcomes", type: "text", value: (r) => r.criteria, width: 70 },
  { header: "Positions on the current version", type: "text", value: (r) => r.positions, width: 30 },
  { header: "Signed off", type: "text", value: (r) => r.signedOff, width: 18 },
  { header: "Objections and abstentions", type: "text", value: (r) => r.dissent, width: 60 },
  { header: "Version", type: "number", value: (r) => r.version, width: 9 },
];
