// Words and numbers as UI.md says them: "26 November 2026", "£250k", "£1.2m", "−£250k (cost to the trust)".

const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "Europe/London",
});

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value.length === 10 ? `${value}T12:00:00Z` : value) : value;
  return Number.isNaN(d.getTime()) ? "" : DATE.format(d);
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const d = typeof value === "string" ? new Date(value) : value;
  return Number.isNaN(d.getTime()) ? "" : DATE_TIME.format(d).replace(",", " at");
}

/** £ in thousands, signed: 250 → "£250k", 1200 → "£1.2m", -250 → "−£250k". */
export function formatMoneyK(k: number | null | undefined): string {
  if (k === null || k === undefined) return "";
  const sign = k < 0 ? "−" : "";
  const abs = Math.abs(k);
  if (abs >= 1000) {
    const m = abs / 1000;
    return `${sign}£${m >= 100 ? Math.round(m).toLocaleString("en-GB") : Number(m.toFixed(1)).toLocaleString("en-GB")}m`;
  }
  return `${sign}£${abs.toLocaleString("en-GB")}k`;
}

/** £ in millions (one decimal at most), signed: 12.5 → "£12.5m", -3 → "−£3m". The one rule for £m amounts. */
export function formatMoneyM(m: number | null | undefined): string {
  if (m === null || m === undefined) return "";
  const sign = m < 0 ? "−" : "";
  return `${sign}£${Number(Math.abs(m).toFixed(1)).toLocaleString("en-GB")}m`;
}

/** An impact on the trust or the system, with what a negative means. */
export function formatImpactK(k: number | null | undefined, who: "trust" | "system"): string {
  if (k === null || k === undefined) return "";
  if (k < 0) return `${formatMoneyK(k)} (cost to the ${who})`;
  if (k > 0) return `${formatMoneyK(k)} (benefit to the ${who})`;
  return "£0k (no financial effect)";
}

export function pluralise(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** The calendar date in England at `now` (YYYY-MM-DD): "today" for due dates and assessments. */
export function londonDate(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}
