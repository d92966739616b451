// The NHS date-input pattern (Day / Month / Year boxes) on the server: the three boxes a form sends as
// `<name>-day`, `<name>-month`, `<name>-year` become one `<name>` in YYYY-MM-DD, which the schemas
// check (isoDate). Pure, so forms and tests share it.

export const DATE_PART_SUFFIXES = ["-day", "-month", "-year"] as const;

/**
 * "27", "3", "2027" → "2027-03-27". Every box empty → "". Anything else that is not a real date is
 * returned as typed ("31-2-2027"), so the schema refuses it with its message naming the field.
 */
export function datePartsToIso(day: string | undefined, month: string | undefined, year: string | undefined): string {
  const [d, m, y] = [day ?? "", month ?? "", year ?? ""].map((s) => s.trim());
  if (!d && !m && !y) return "";
  if (/^\d{1,2}$/.test(d) && /^\d{1,2}$/.test(m) && /^\d{4}$/.test(y)) {
    const iso = `${y}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`;
    const t = new Date(`${iso}T00:00:00Z`);
    if (!Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso) return iso;
  }
  return `${d}-${m}-${y}`;
}

/** The three boxes of an ISO date ("2027-03-27" → 27, 3, 2027), for a form's defaults. */
export function isoToDateParts(iso: string | null | undefined): { day: string; month: string; year: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso ?? "");
  if (!m) return { day: "", month: "", year: "" };
  return { day: String(Number(m[3])), month: String(Number(m[2])), year: m[1] };
}

/** Folds every `<name>-day/-month/-year` trio in flat form values into `<name>` (the boxes stay, to show again). */
export function foldDateParts(values: Record<string, string>): Record<string, string> {
  const out = { ...values };
  for (const key of Object.keys(values)) {
    if (!key.endsWith("-day")) continue;
    const base = key.slice(0, -"-day".length);
    out[base] = datePartsToIso(values[`${base}-day`], values[`${base}-month`], values[`${base}-year`]);
  }
  return out;
}
