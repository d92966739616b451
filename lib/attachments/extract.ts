import "server-only";
// Text of PDF and Word files, extracted once on upload for the register's search. A file whose text
// cannot be read is still kept: it just isn't searchable.
import type { FileKindId } from "./sniff";

/** At most this much text is kept per file (the search needs words, not whole books). */
export const MAX_TEXT = 500_000;

export async function extractText(kind: FileKindId, bytes: Uint8Array): Promise<string | null> {
  try {
    let text: string | null = null;
    if (kind === "pdf") {
      const { extractText: pdfText, getDocumentProxy } = await import("unpdf");
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      text = (await pdfText(pdf, { mergePages: true })).text;
    } else if (kind === "docx") {
      const mammoth = await import("mammoth");
      text = (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
    }
    if (text === null) return null;
    // PostgreSQL text cannot hold NUL; trim to the cap.
    return text.replaceAll("\0", "").slice(0, MAX_TEXT);
  } catch {
    return null;
  }
}
