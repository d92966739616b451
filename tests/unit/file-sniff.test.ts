import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { sniffFile, zipEntryNames } from "@/lib/attachments/sniff";
import { makeExe, makePdf, makePng } from "../support/files";

async function makeXlsx() {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Model").addRow(["Year", "Saving"]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("reading what a file is from its bytes", () => {
  it("knows PDF, PNG, JPEG, Excel and CSV from their content", async () => {
    expect(sniffFile("case.pdf", await makePdf(["x"]))).toMatchObject({ ok: true, kind: "pdf", type: "application/pdf" });
    expect(sniffFile("chart.PNG", makePng(64))).toMatchObject({ ok: true, kind: "png" });
    expect(sniffFile("photo.jpeg", new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toMatchObject({ ok: true, kind: "jpeg" });
    const xlsx = await makeXlsx();
    expect(zipEntryNames(xlsx)).toContain("xl/workbook.xml");
    expect(sniffFile("model.xlsx", xlsx)).toMatchObject({ ok: true, kind: "xlsx" });
    expect(sniffFile("data.csv", new TextEncoder().encode("year,saving\n2026,£2.4m\n"))).toMatchObject({ ok: true, kind: "csv" });
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(sniffFile("old.doc", ole)).toMatchObject({ ok: true, kind: "doc" });
  });

  it("refuses a program whatever its name, and a file whose name says another type", async () => {
    for (const name of ["business-case.pdf", "model.xlsx", "setup.exe", "data.csv"]) {
      expect(sniffFile(name, makeExe())).toEqual({ ok: false, message: "The selected file must be a PDF, Word, Excel, PowerPoint, CSV, PNG or JPEG file" });
    }
    expect(sniffFile("case.docx", await makePdf(["x"]))).toMatchObject({ ok: false, message: expect.stringContaining("is a PDF but its name ends in .docx") });
    expect(sniffFile("sheet.xlsx.pdf", await makeXlsx())).toMatchObject({ ok: false, message: expect.stringContaining("is an Excel spreadsheet but its name ends in .pdf") });
    // A zip that is not an Office document, and a CSV that is not text.
    expect(sniffFile("archive.docx", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toMatchObject({ ok: false });
    expect(sniffFile("data.csv", new Uint8Array([0x61, 0x00, 0x62]))).toMatchObject({ ok: false });
    expect(sniffFile("data.csv", new Uint8Array([0x61, 0xff, 0x62]))).toMatchObject({ ok: false });
  });
});
