// An uploaded text file's bytes to text, with no silent damage (README, "Importing an existing
// register"). UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode text") with its BOM, or
// Windows-1252 (Excel's "CSV (Comma delimited)" on Windows) are recognised; the platform's
// TextDecoder reads the first two, a table the third (see decodeWindows1252). A byte that is no
// character in the encoding found is never replaced silently: it is kept as a mark (U+FFFD, or the C1 control Windows-1252 leaves undefined) that
// `unreadableIn` finds afterwards, so the refusal can name the row and column it is in. Pure.

export type Encoding = "UTF-8" | "UTF-8 with BOM" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export type Decoded = { text: string; encoding: Encoding };

/** Bytes Windows-1252 leaves undefined: in a file read as Windows-1252 they are no character at all. */
const UNDEFINED_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Where the first byte that breaks UTF-8 is, and whether the bytes before and after hold any valid
 * multi-byte UTF-8 (then the file is UTF-8 with damage in it, not Windows-1252).
 */
function utf8Scan(b: Uint8Array): { firstBad: number; multibyte: number } {
  let firstBad = -1;
  let multibyte = 0;
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    let ok = n > 0;
    if (ok) for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) ok = false;
    if (ok) {
      multibyte++;
      i += n + 1;
    } else {
      if (firstBad < 0) firstBad = i;
      i++;
    }
  }
  return { firstBad, multibyte };
}

/** UTF-16 without a BOM: zero bytes in every other place, as ASCII text in UTF-16 has. */
function utf16Guess(b: Uint8Array): "utf-16le" | "utf-16be" | null {
  if (b.length < 4 || b.length % 2) return null;
  let even = 0;
  let odd = 0;
  const n = Math.min(b.length, 4096);
  for (let i = 0; i < n; i++) if (b[i] === 0) (i % 2 ? odd++ : even++);
  if (odd > n / 4 && even === 0) return "utf-16le";
  if (even > n / 4 && odd === 0) return "utf-16be";
  return null;
}

/** Decodes a file; never throws on bad bytes (see `unreadableIn`). */
export function decodeText(input: Uint8Array): Decoded {
  const b = input;
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(b.subarray(3)), encoding: "UTF-8 with BOM" };
  if (b[0] === 0xff && b[1] === 0xfe) return { text: new TextDecoder("utf-16le", { ignoreBOM: true }).decode(b.subarray(2)), encoding: "UTF-16LE" };
  if (b[0] === 0xfe && b[1] === 0xff) return { text: new TextDecoder("utf-16be", { ignoreBOM: true }).decode(b.subarray(2)), encoding: "UTF-16BE" };
  const sixteen = utf16Guess(b);
  if (sixteen) return { text: new TextDecoder(sixteen).decode(b), encoding: sixteen === "utf-16le" ? "UTF-16LE" : "UTF-16BE" };
  const { firstBad, multibyte } = utf8Scan(b);
  // Valid UTF-8 throughout, or UTF-8 with damage in it (valid multi-byte characters beside bad
  // bytes): read as UTF-8, the bad bytes marked with U+FFFD and refused by row afterwards.
  if (firstBad < 0 || multibyte > 0) return { text: new TextDecoder("utf-8").decode(b), encoding: "UTF-8" };
  // Only single high bytes: Windows-1252. Its five undefined bytes stay the C1 controls U+0081…,
  // which `unreadableIn` refuses.
  return { text: decodeWindows1252(b), encoding: "Windows-1252" };
}

/**
 * Windows-1252 by its table (WHATWG's index). Not TextDecoder("windows-1252"): Node decodes that
 * label as ISO-8859-1, which turns "€", curly quotes and dashes into C1 controls.
 */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];
export function decodeWindows1252(b: Uint8Array): string {
  let out = "";
  for (let i = 0; i < b.length; i += 8192) {
    const chunk = b.subarray(i, i + 8192);
    out += String.fromCharCode(...Array.from(chunk, (c) => (c >= 0x80 && c <= 0x9f ? CP1252_80_9F[c - 0x80] : c)));
  }
  return out;
}

/**
 * Why a cell's text cannot be imported without damage, or null: a replacement character (a byte
 * that was no character in the file's encoding, or damage from before), a byte Windows-1252 leaves
 * undefined, or a control character no one types.
 */
export function unreadableIn(text: string, encoding: Encoding | "xlsx"): string | null {
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 0xfffd) {
      return encoding === "xlsx"
        ? 'it contains "\uFFFD", the mark of text damaged before it reached the workbook'
        : `it contains bytes that are not valid ${encoding.startsWith("UTF-16") ? "UTF-16" : "UTF-8"} (or "\uFFFD", the mark of earlier damage)`;
    }
    if (c >= 0x80 && c <= 0x9f) {
      return encoding === "Windows-1252" && UNDEFINED_1252.has(c)
        ? `it contains the byte 0x${c.toString(16).toUpperCase()}, which is no character in UTF-8, UTF-16 or Windows-1252`
        : `it contains a control character (U+00${c.toString(16).toUpperCase()})`;
    }
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return `it contains a control character (U+${c.toString(16).toUpperCase().padStart(4, "0")})`;
    if ((c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) === 0xfffe) return `it contains a non-character (U+${c.toString(16).toUpperCase()})`;
  }
  return null;
}

/** The separator of a delimited text file: the one its header line has most of (outside quotes). */
export function detectDelimiter(text: string): "," | ";" | "\t" {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let quoted = false;
  for (const ch of text.slice(0, 8192)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts["\t"] > counts[","] && counts["\t"] >= counts[";"]) return "\t";
  if (counts[";"] > counts[","]) return ";";
  return ",";
}
