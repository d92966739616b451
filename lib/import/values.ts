// Dates and money as people type them in a register (README, "Importing an existing register").
// Dates are read the English way: 3/4/2025 is 3 April 2025. What could mean two things is never
// guessed: it comes back as `ambiguous`, which the dry run lists. Pure.
import type { Cell } from "./table";

export type DateRead = { iso: string } | { error: string } | { ambiguous: string };

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function monthOf(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return null;
  const i = MONTHS.findIndex((m) => m.startsWith(w) || (w === "sept" && m === "september"));
  return i < 0 ? null : i + 1;
}

function isoOf(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2199) return null;
  const iso = `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  const dt = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(dt.getTime()) && dt.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Excel's day number (1900 system, with its 29 February 1900) to a date. */
export function excelSerialToIso(n: number): string | null {
  if (!Number.isInteger(n) || n < 61 || n > 120_000) return null;
  return new Date(Date.UTC(1899, 11, 30) + n * 86_400_000).toISOString().slice(0, 10);
}

export function formatLongDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[m - 1][0].toUpperCase()}${MONTHS[m - 1].slice(1)} ${y}`;
}

/**
 * A date cell. `monthFirstSeen`: the column holds a date that only makes sense month first
 * (4/13/2025), so its day-or-month values cannot be read the English way without a guess.
 */
export function readDate(cell: Cell, opts: { monthFirstSeen?: string } = {}): DateRead | null {
  if (cell === null) return null;
  if (typeof cell === "object") return { iso: cell.date };
  if (typeof cell === "number") {
    const iso = excelSerialToIso(cell);
    return iso ? { iso } : { error: `${cell} is not a date` };
  }
  if (typeof cell === "boolean") return { error: `${cell} is not a date` };
  const s = cell.trim().replace(/\s+/g, " ");
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+Z?)?$/.exec(s);
  if (m) return wrap(isoOf(+m[1], +m[2], +m[3]), s);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(s);
  if (m) {
    const [a, b, yRaw] = [+m[1], +m[2], m[3]];
    if (yRaw.length === 2) return { ambiguous: `"${s}" has a two-digit year: write it in full, like ${a}/${b}/20${yRaw}` };
    const y = +yRaw;
    if (b > 12 && a <= 12) return { ambiguous: `"${s}" is written month first (American style): write it day first, like ${b}/${a}/${y}, or as ${formatLongDate(isoOf(y, a, b) ?? `${y}-01-01`)}` };
    if (opts.monthFirstSeen && a <= 12 && b <= 12 && a !== b) {
      const uk = isoOf(y, b, a);
      const us = isoOf(y, a, b);
      if (uk && us) return { ambiguous: `"${s}" could be ${formatLongDate(uk)} or ${formatLongDate(us)}: other dates in this column are written month first (${opts.monthFirstSeen}). Write the month in words` };
    }
    return wrap(isoOf(y, b, a), s);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([A-Za-z.]+),? (\d{4})$/.exec(s);
  if (m) {
    const month = monthOf(m[2]);
    return wrap(month ? isoOf(+m[3], month, +m[1]) : null, s);
  }
  m = /^([A-Za-z.]+) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s);
  if (m) {
    const month = monthOf(m[1]);
    return wrap(month ? isoOf(+m[3], month, +m[2]) : null, s);
  }
  if (/^\d{5}(\.0+)?$/.test(s)) {
    const iso = excelSerialToIso(Math.floor(Number(s)));
    if (iso) return { iso };
  }
  return { error: `"${s}" is not a date: write it like 3/4/2025, 3 April 2025 or 2025-04-03` };
}

function wrap(iso: string | null, s: string): DateRead {
  return iso ? { iso } : { error: `"${s}" is not a real date` };
}

/** The first value in a column that can only be month first (like 4/13/2025), if any. */
export function monthFirstEvidence(cells: Cell[]): string | undefined {
  for (const c of cells) {
    if (typeof c !== "string") continue;
    const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}\s*$/.exec(c);
    if (m && +m[2] > 12 && +m[1] <= 12) return c.trim();
  }
  return undefined;
}

export type MoneyUnit = "pounds" | "thousands" | "millions";
export type MoneyRead = { k: number; exact: boolean } | { error: string };

const SCALE: Record<string, number> = { "": 1, k: 1e3, m: 1e6, bn: 1e9, b: 1e9 };
const UNIT: Record<MoneyUnit, number> = { pounds: 1, thousands: 1e3, millions: 1e6 };

/**
 * A money cell to whole £k (Fulcrum's unit): "£2.4m", "£250k", "(250)" (negative), "-£1,200,000",
 * "−£3k". A plain number is in the column's `unit` (pounds unless the mapping says otherwise).
 * `exact` is false when rounding to the nearest £1k changed it.
 */
export function readMoney(cell: Cell, unit: MoneyUnit = "pounds"): MoneyRead | null {
  if (cell === null) return null;
  if (typeof cell === "object" || typeof cell === "boolean") return { error: `"${typeof cell === "object" ? cell.date : cell}" is not an amount of money` };
  let pounds: number;
  if (typeof cell === "number") pounds = cell * UNIT[unit];
  else {
    let s = cell.trim().replace(/\s+/g, "").replace(/[\u2212\u2013]/g, "-");
    if (!s || s === "-") return null;
    let negative = false;
    const paren = /^\((.*)\)$/.exec(s);
    if (paren) {
      negative = true;
      s = paren[1];
    }
    const m = /^([+-]?)£?([+-]?)([\d,]*\.?\d+)(k|m|bn|b)?$/i.exec(s.replace(/^£([+-])/, "$1£"));
    if (!m || !/^\d{1,3}(,\d{3})*(\.\d+)?$|^\d+(\.\d+)?$|^\.\d+$/.test(m[3])) return { error: `"${cell.trim()}" is not an amount: write it like £250k, £2.4m, (250) or -£1,200,000` };
    if (m[1] === "-" || m[2] === "-") negative = !negative;
    const suffix = (m[4] ?? "").toLowerCase();
    // "£1,200" is pounds whatever the column's unit; a bare number is in the column's unit.
    pounds = Number(m[3].replace(/,/g, "")) * (suffix ? SCALE[suffix] : s.includes("£") ? 1 : UNIT[unit]);
    if (negative) pounds = -pounds;
  }
  if (!Number.isFinite(pounds)) return { error: "is not an amount of money" };
  const k = Math.round(pounds / 1000);
  if (k === 0 && pounds !== 0) {
    return { error: `${typeof cell === "string" ? `"${cell.trim()}"` : cell} is £${Math.abs(pounds).toLocaleString("en-GB")}, under the £1k Fulcrum records: if the column is in £k or £m, say so in the mapping` };
  }
  return { k: Object.is(k, -0) ? 0 : k, exact: Math.abs(k * 1000 - pounds) < 1e-6 };
}
