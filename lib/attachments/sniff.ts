// What a file is, read from its bytes (never from its name), and whether Fulcrum takes it. Pure.

export type FileKind = { type: string; label: string; extensions: readonly string[] };

export const FILE_KINDS = {
  pdf: { type: "application/pdf", label: "PDF", extensions: ["pdf"] },
  docx: { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document", extensions: ["docx"] },
  xlsx: { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel spreadsheet", extensions: ["xlsx"] },
  pptx: { type: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation", extensions: ["pptx"] },
  doc: { type: "application/msword", label: "Word document (97–2003)", extensions: ["doc"] },
  xls: { type: "application/vnd.ms-excel", label: "Excel spreadsheet (97–2003)", extensions: ["xls"] },
  ppt: { type: "application/vnd.ms-powerpoint", label: "PowerPoint presentation (97–2003)", extensions: ["ppt"] },
  csv: { type: "text/csv", label: "CSV", extensions: ["csv"] },
  png: { type: "image/png", label: "PNG image", extensions: ["png"] },
  jpeg: { type: "image/jpeg", label: "JPEG image", extensions: ["jpg", "jpeg"] },
} as const satisfies Record<string, FileKind>;

export type FileKindId = keyof typeof FILE_KINDS;

/** The label of a stored MIME type, for lists ("PDF", "Word document"). */
export function labelOfType(type: string): string {
  return Object.values(FILE_KINDS).find((k) => k.type === type)?.label ?? type;
}

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** Names of the entries in a zip file, read from its central directory (no decompression). */
export function zipEntryNames(b: Uint8Array): string[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return [];
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  const names: string[] = [];
  for (let n = 0; n < count && p + 46 <= b.length; n++) {
    if (view.getUint32(p, true) !== 0x02014b50) break;
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    names.push(new TextDecoder().decode(b.subarray(p + 46, p + 46 + nameLen)));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

function isCsvText(b: Uint8Array): boolean {
  if (b.length === 0 || b.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const extensionOf = (name: string) => (name.match(/\.([A-Za-z0-9]+)$/)?.[1] ?? "").toLowerCase();

export type SniffResult = { ok: true; kind: FileKindId; type: string; label: string } | { ok: false; message: string };

/**
 * The kind of file these bytes are, if Fulcrum takes it, checked against the name's extension: a
 * program renamed to .pdf, or a PDF named .docx, is refused with a message saying why.
 */
export function sniffFile(name: string, bytes: Uint8Array): SniffResult {
  const ext = extensionOf(name);
  let kind: FileKindId | null = null;
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) kind = "pdf";
  else if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) kind = "png";
  else if (startsWith(bytes, [0xff, 0xd8, 0xff])) kind = "jpeg";
  else if (startsWith(bytes, ZIP)) {
    const names = zipEntryNames(bytes);
    if (names.includes("[Content_Types].xml")) {
      if (names.includes("word/document.xml")) kind = "docx";
      else if (names.includes("xl/workbook.xml")) kind = "xlsx";
      else if (names.includes("ppt/presentation.xml")) kind = "pptx";
    }
  } else if (startsWith(bytes, OLE)) {
    // An Office 97–2003 container: the content does not say which program without parsing it, so
    // the name's extension picks among the three.
    kind = ext === "doc" || ext === "xls" || ext === "ppt" ? ext : null;
  } else if (ext === "csv" && isCsvText(bytes)) kind = "csv";

  const allowed = "PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG";
  if (!kind) return { ok: false, message: `The selected file must be a ${allowed} file` };
  const k = FILE_KINDS[kind];
  if (!(k.extensions as readonly string[]).includes(ext)) {
    return { ok: false, message: `The selected file is ${/^[AEIOU]/.test(k.label) ? "an" : "a"} ${k.label} but its name ends in ${ext ? `.${ext}` : "no extension"}: rename it to end in .${k.extensions[0]}` };
  }
  return { ok: true, kind, type: k.type, label: k.label };
}
