import { describe, expect, it } from "vitest";
import { decodeText, detectDelimiter, unreadableIn } from "@/lib/import/decode";
import { guessColumns } from "@/lib/import/mapping";
import { excelSerialToIso, monthFirstEvidence, readDate, readMoney } from "@/lib/import/values";

describe("dates as people type them", () => {
  it("reads the English way, in words, ISO and as Excel serials", () => {
    expect(readDate("3/4/2025")).toEqual({ iso: "2025-04-03" });
    expect(readDate("03.04.2025")).toEqual({ iso: "2025-04-03" });
    expect(readDate("3 April 2025")).toEqual({ iso: "2025-04-03" });
    expect(readDate("3rd Apr 2025")).toEqual({ iso: "2025-04-03" });
    expect(readDate("April 3, 2025")).toEqual({ iso: "2025-04-03" });
    expect(readDate("2025-04-03")).toEqual({ iso: "2025-04-03" });
    expect(readDate(45750)).toEqual({ iso: "2025-04-03" });
    expect(readDate("45750")).toEqual({ iso: "2025-04-03" });
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(readDate({ date: "2025-04-03" })).toEqual({ iso: "2025-04-03" });
    expect(readDate("")).toBeNull();
  });

  it("never guesses: month-first columns, two-digit years and impossible dates are named", () => {
    expect(readDate("4/13/2025")).toMatchObject({ ambiguous: expect.stringContaining("month first") });
    expect(readDate("3/4/25")).toMatchObject({ ambiguous: expect.stringContaining("two-digit year") });
    const seen = monthFirstEvidence(["1/2/2025", "4/13/2025"]);
    expect(seen).toBe("4/13/2025");
    expect(readDate("3/4/2025", { monthFirstSeen: seen })).toMatchObject({ ambiguous: expect.stringContaining("3 April 2025 or 4 March 2025") });
    expect(readDate("5/5/2025", { monthFirstSeen: seen })).toEqual({ iso: "2025-05-05" });
    expect(readDate("31/2/2025")).toMatchObject({ error: expect.stringContaining("not a real date") });
    expect(readDate("next Tuesday")).toMatchObject({ error: expect.stringContaining("not a date") });
  });
});

describe("money as people type it", () => {
  it("reads £, k, m, brackets and minus signs into whole £k", () => {
    expect(readMoney("£2.4m")).toEqual({ k: 2400, exact: true });
    expect(readMoney("£250k")).toEqual({ k: 250, exact: true });
    expect(readMoney("(250)", "thousands")).toEqual({ k: -250, exact: true });
    expect(readMoney("(£40k)")).toEqual({ k: -40, exact: true });
    expect(readMoney("-£1,200,000")).toEqual({ k: -1200, exact: true });
    expect(readMoney("£-3k")).toEqual({ k: -3, exact: true });
    expect(readMoney("\u2212£3k")).toEqual({ k: -3, exact: true });
    expect(readMoney("1,500", "pounds")).toEqual({ k: 2, exact: false });
    expect(readMoney(2.5, "millions")).toEqual({ k: 2500, exact: true });
    expect(readMoney("£1,200", "millions")).toEqual({ k: 1, exact: false }); // "£" without a suffix is pounds
  });

  it("names what is not an amount, and amounts under £1k that would round to nothing", () => {
    expect(readMoney("lots")).toMatchObject({ error: expect.stringContaining("not an amount") });
    expect(readMoney("1,23,4")).toMatchObject({ error: expect.stringContaining("not an amount") });
    expect(readMoney("(250)")).toMatchObject({ error: expect.stringContaining("under the £1k") });
    expect(readMoney("")).toBeNull();
  });
});

describe("encodings", () => {
  it("tells UTF-8, UTF-16 and Windows-1252 apart, and marks what cannot be read", () => {
    expect(decodeText(new Uint8Array(Buffer.from("Café £1", "utf8")))).toEqual({ text: "Café £1", encoding: "UTF-8" });
    expect(decodeText(new Uint8Array(Buffer.from("Café £1", "latin1")))).toEqual({ text: "Café £1", encoding: "Windows-1252" });
    expect(decodeText(new Uint8Array(Buffer.from([0x93, 0x61, 0x94, 0x80])))).toEqual({ text: "\u201ca\u201d\u20ac", encoding: "Windows-1252" });
    expect(decodeText(new Uint8Array(Buffer.from("a,b\r\n", "utf16le")))).toEqual({ text: "a,b\r\n", encoding: "UTF-16LE" });
    const be = Buffer.from("é", "utf16le").swap16();
    expect(decodeText(new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), be])))).toEqual({ text: "é", encoding: "UTF-16BE" });
    expect(unreadableIn(decodeText(new Uint8Array([0x61, 0x81])).text, "Windows-1252")).toMatch(/0x81/);
    expect(unreadableIn("ok\u00e9\t\n", "UTF-8")).toBeNull();
    expect(unreadableIn("bad\uFFFD", "UTF-8")).toMatch(/not valid UTF-8/);
    expect(unreadableIn("bell\u0007", "xlsx")).toMatch(/control character/);
  });

  it("finds the separator Excel used", () => {
    expect(detectDelimiter("a,b,c\n1,2,3")).toBe(",");
    expect(detectDelimiter("a;b;c\n")).toBe(";");
    expect(detectDelimiter('"x,y"\tb\tc\n')).toBe("\t");
  });
});

describe("column guesses", () => {
  it("matches names and synonyms with case and spacing ignored", () => {
    expect(guessColumns(["DECISION", "Description", "Date  of decision", "System or Trust", "Favoured", "Cost (£)", "Owner"])).toMatchObject({
      title: "DECISION",
      summary: "Description",
      "decided on": "Date  of decision",
      favoured: "Favoured",
      "impact on trust": "Cost (£)",
      "author email": "Owner",
    });
  });
});
