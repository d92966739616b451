// Spreadsheet formula neutralisation (OWASP "CSV injection").
//
// Rule: a TEXT cell whose first character is = + - @, a tab or a carriage return is written with a
// single quote in front, so Excel, LibreOffice and Sheets show it as text and never evaluate it.
// NUMERIC cells (columns typed "number", values that are JS numbers) are never neutralised: in XLSX
// they are number cells, which cannot hold a formula; in CSV a finite number is written as digits
// (e.g. -250), which every spreadsheet reads as the number −250, not a formula. A negative number
// typed into a TEXT column ("-5% growth") is neutralised like any other text.
// On import the quote is removed again when it is followed by one of those characters, so an
// exported file imports back unchanged.

const TRIGGERS = new Set(["=", "+", "-", "@", "\t", "\r"]);

export function needsNeutralising(s: string): boolean {
  return s.length > 0 && TRIGGERS.has(s[0]);
}

export function neutralise(s: string): string {
  return needsNeutralising(s) ? `'${s}` : s;
}

/** The inverse, for import: "'=SUM(A1)" → "=SUM(A1)"; any other text is left as it is. */
export function unneutralise(s: string): string {
  return s.length > 1 && s[0] === "'" && TRIGGERS.has(s[1]) ? s.slice(1) : s;
}
