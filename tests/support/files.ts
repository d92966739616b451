// Real files for the evidence-file tests, made in the test: a PDF with words in it (pdfkit, as the
// board paper uses), a PNG-signed file of any size, and a Windows program renamed to .pdf.
import { randomBytes } from "node:crypto";
import PDFDocument from "pdfkit";

export async function makePdf(lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on("end", () => resolve()));
  lines.forEach((line, i) => {
    if (i > 0) doc.addPage();
    doc.text(line);
  });
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A file that starts like a PNG image, `size` bytes long (the rest random, so no two are alike). */
export function makePng(size: number): Buffer {
  const b = randomBytes(size);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b, 0);
  return b;
}

/** The start of a Windows program ("MZ" header), whatever it is named. */
export function makeExe(): Buffer {
  const b = Buffer.alloc(4096);
  b.write("MZ", 0, "latin1");
  b.write("This program cannot be run in DOS mode.", 78, "latin1");
  return b;
}

export async function collect(chunks: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}
