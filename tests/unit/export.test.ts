import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { BOM, csvCell, toCsv } from "@/lib/export/csv";
import { parseCsv, CsvSyntaxError } from "@/lib/export/csv-parse";
import { neutralise, unneutralise } from "@/lib/export/neutralise";
import { REGISTER_COLUMNS, REGISTER_HEADERS, type RegisterExportRow } from "@/lib/export/register";
import { toXlsx } from "@/lib/export/xlsx";
import { validateImportCsv } from "@/lib/export/import-rows";

const row = (over: Partial<RegisterExportRow> = {}): RegisterExportRow => ({
  id: "0b7f2a34-7c1e-4e0e-9d39-4d2b3f1a9c10",
  trustOds: "RNA",
  trustName: "North Acute Trust",
  title: "Host the elective hub",
  summary: "Theatres serve the system",
  favoured: "system",
  category: "capacity",
  status: "signed_off",
  decidedOn: "2026-03-01",
  version: 2,
  contentHash: "a".repeat(64),
  factors: ["population_outcomes", "economies_of_scale"],
  criteriaCount: 2,
  criteriaMet: 1,
  positionsSupport: 4,
  positionsObject: 1,
  positionsAbstain: 0,
  supportCounted: 3,
  signedOffOn: "2026-03-20",
  dissent: "Objected: Sam Reed (Non-Executive Director) – Too costly",
  urgent: false,
  urgentReason: "",
  ratification: null,
  chairsActionOn: null,
  ratificationDecidedOn: null,
  risks: "finance:open;partnerships_system:seek",
  outsideAppetite: true,
  outsideDomains: "finance:cautious<open",
  appetiteVersion: 2,
  ...over,
});

describe("formula neutralisation", () => {
  it.each(["=SUM(A1:A9)", "+44 20", "-5% growth", "@cmd", "\tx", "\rx"])("prefixes %j with a quote and undoes it on import", (s) => {
    expect(neutralise(s)).toBe(`'${s}`);
    expect(unneutralise(neutralise(s))).toBe(s);
  });
  it("leaves ordinary text, and text that merely contains the characters, alone", () => {
    for (const s of ["Plain", "a=b", "", "'quoted already", "2026-03-01", "e-mail"]) {
      expect(neutralise(s)).toBe(s);
      expect(unneutralise(s)).toBe(s);
    }
  });
  it("writes numbers in numeric columns as numbers, but neutralises a negative number typed as text", () => {
    expect(csvCell(-250, "number")).toBe("-250");
    expect(csvCell("-250", "text")).toBe("'-250");
    expect(csvCell(-250, "text")).toBe("'-250");
    expect(csvCell(null, "number")).toBe("");
  });
});

describe("CSV writer", () => {
  it("writes RFC 4180 with a BOM, CRLF, and quotes only where needed", () => {
    const csv = toCsv(REGISTER_COLUMNS, [row({ title: 'Say "yes", please', summary: "Line one\nline two", trustName: "Plain" })]);
    expect(csv.startsWith(BOM)).toBe(true);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[0]).toBe(REGISTER_HEADERS.join(","));
    expect(csv).toContain('"Say ""yes"", please"');
    expect(csv).toContain('"Line one\nline two"');
    expect(csv).toContain(",population_outcomes;economies_of_scale,2,1,4,1,0,3,2026-03-20,Objected: Sam Reed (Non-Executive Director) – Too costly,no,,,,,finance:open;partnerships_system:seek,yes,finance:cautious<open,2\r\n");
    expect(csv.endsWith("\r\n")).toBe(true);
  });
  it("neutralises formulas in text cells", () => {
    const csv = toCsv(REGISTER_COLUMNS, [row({ title: "=HYPERLINK(\"http://evil\",\"x\")", summary: "@SUM(1)" })]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain(",'@SUM(1),");
  });
});

describe("CSV parser", () => {
  it("reads what the writer writes, with embedded newlines, quotes and commas", () => {
    const rows = [row({ title: 'A "quoted", title', summary: "two\r\nlines" }), row({ summary: "" })];
    const parsed = parseCsv(toCsv(REGISTER_COLUMNS, rows));
    expect(parsed).toHaveLength(3);
    expect(parsed[0].fields).toEqual(REGISTER_HEADERS);
    expect(parsed[1].fields[3]).toBe('A "quoted", title');
    expect(parsed[1].fields[4]).toBe("two\r\nlines");
    expect(parsed[2].line).toBe(4);
  });
  it("tolerates LF-only files, no BOM, a missing final newline, and blank lines", () => {
    expect(parseCsv("a,b\n1,2\n\n3,\"4\"").map((r) => r.fields)).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
    expect(parseCsv("x,,\r\n").map((r) => r.fields)).toEqual([["x", "", ""]]);
    expect(parseCsv('"",a').map((r) => r.fields)).toEqual([["", "a"]]);
  });
  it("reports an unclosed quote with its line", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a,b\n"x"y,1')).toThrow(/closing quote/);
  });
});

describe("XLSX writer", () => {
  it("writes typed cells with a bold frozen header and neutralised text", async () => {
    const buf = await toXlsx(REGISTER_COLUMNS, [row({ title: "=1+1", version: 3 })]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.getRow(1).values).toEqual([undefined, ...REGISTER_HEADERS]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const r = ws.getRow(2);
    expect(r.getCell(4).value).toBe("'=1+1");
    expect(r.getCell(10).value).toBe(3);
    expect(r.getCell(9).value).toBeInstanceOf(Date);
    expect(r.getCell(9).formula).toBeUndefined();
  });
});

const HEADER = "trust ODS,title,summary,rationale,favoured,category,decided on,factors,visibility,author email,criteria,submit";

function goodLine(i: number) {
  return `RNA,Decision ${i},"Summary, with comma ${i}",Because ${i},system,finance,2026-01-${String((i % 28) + 1).padStart(2, "0")},workforce;financial_stability,trust,,Waits fall | below 500 | 2027-03-31,yes`;
}

describe("import validator", () => {
  it("maps good rows to the API's decision input", () => {
    const csv = `${HEADER}\r\n${goodLine(1)}\r\nRNA,Draft only,,,,,26/11/2026,Population and clinical outcomes,system,,,\r\n`;
    const res = validateImportCsv(BOM + csv, { isAdmin: false });
    expect(res.errors).toEqual([]);
    expect(res.rows).toHaveLength(2);
    expect(res.rows[0]).toEqual({
      row: 2,
      authorEmail: null,
      submit: true,
      signedOff: null,
      input: {
        trust: "RNA",
        title: "Decision 1",
        summary: "Summary, with comma 1",
        rationale: "Because 1",
        favoured: "system",
        category: "finance",
        decidedOn: "2026-01-02",
        factors: ["workforce", "financial_stability"],
        visibility: "trust",
        options: "",
        impactOnTrust: { amountK: null, text: "" },
        impactOnSystem: { amountK: null, text: "" },
        criteria: [{ statement: "Waits fall", target: "below 500", judgedBy: "2027-03-31" }],
      },
    });
    expect(res.rows[1].input).toMatchObject({ decidedOn: "2026-11-26", factors: ["population_outcomes"], favoured: null, criteria: [], visibility: "system" });
    expect(res.rows[1].submit).toBe(false);
  });

  it("a file of 50 rows with 3 bad ones names exactly those rows and columns, and still returns the good rows for the later checks", () => {
    const lines = Array.from({ length: 50 }, (_, i) => goodLine(i + 1));
    lines[6] = lines[6].replace(",system,", ",both,"); // row 8: favoured
    lines[19] = lines[19].replace(/,2026-01-\d\d,/, ",2026-02-30,"); // row 21: decided on
    lines[44] = lines[44].replace("Waits fall | below 500 | 2027-03-31", ""); // row 46: submit without criteria
    const res = validateImportCsv([HEADER, ...lines].join("\r\n"), { isAdmin: false });
    expect(res.total).toBe(50);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [8, "favoured"],
      [21, "decided on"],
      [46, "criteria"],
    ]);
    expect(res.errors[0].message).toContain('"both"');
    // The other 47 go on to the lib's and the database's checks; the bad ones keep what could be read.
    expect(res.rows.map((r) => r.row)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2).filter((r) => ![8, 21, 46].includes(r)));
    expect(res.unparsed).toEqual([8, 21, 46].map((row) => ({ row, trust: "RNA", authorEmail: null })));
  });

  it("keeps a bad row's trust and author only when those cells passed", () => {
    const csv = [
      HEADER,
      goodLine(1).replace(/,2026-01-\d\d,/, ",2026-02-30,").replace("trust,,", "trust,ce.rna@fulcrum.demo,"), // row 2: bad date only
      goodLine(2).replace(/^RNA,/, "R!,").replace("trust,,", "trust,not-an-email,"), // row 3: bad ODS and bad author
    ].join("\r\n");
    const res = validateImportCsv(csv, { isAdmin: true });
    expect(res.rows).toEqual([]);
    expect(res.unparsed).toEqual([
      { row: 2, trust: "RNA", authorEmail: "ce.rna@fulcrum.demo" },
      { row: 3, trust: null, authorEmail: null },
    ]);
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "decided on"],
      [3, "trust ODS"],
      [3, "author email"],
    ]);
  });

  it("refuses author e-mail from a non-admin, requires it from an admin, and checks the trust is allowed", () => {
    const withAuthor = `${HEADER}\r\n${goodLine(1).replace("trust,,", "trust,ce.rna@fulcrum.demo,")}`;
    expect(validateImportCsv(withAuthor, { isAdmin: false }).errors).toEqual([{ row: 2, column: "author email", message: expect.stringContaining("Only an administrator") }]);
    expect(validateImportCsv(withAuthor, { isAdmin: true }).rows[0].authorEmail).toBe("ce.rna@fulcrum.demo");
    expect(validateImportCsv(`${HEADER}\r\n${goodLine(1)}`, { isAdmin: true }).errors[0].column).toBe("author email");
    expect(validateImportCsv(`${HEADER}\r\n${goodLine(1)}`, { isAdmin: false, allowedTrustOds: new Set(["RNB"]) }).errors[0]).toMatchObject({ row: 2, column: "trust ODS" });
  });

  it("names unknown and missing columns on the header row", () => {
    const res = validateImportCsv("trust ODS,tittle\r\nRNA,x", { isAdmin: false });
    expect(res.errors.map((e) => [e.row, e.column])).toEqual([
      [1, "tittle"],
      [1, "title"],
    ]);
  });

  it("reports over-long text and bad criteria by column", () => {
    const long = "x".repeat(201);
    const res = validateImportCsv(`${HEADER}\r\nRNA,${long},,,,,,nonsense,,,a|b|c|d,\r\n`, { isAdmin: false });
    expect(res.errors.map((e) => e.column).sort()).toEqual(["criteria", "factors", "title"]);
  });
});

describe("round trip: export → import → export", () => {
  it("is equal on the columns imported, even with formula-like text", () => {
    const original = [
      row({ title: "=cmd|' /C calc'!A0", summary: "-5% growth, \"net\"\nsecond line", factors: ["workforce"] }),
      row({ id: "1b7f2a34-7c1e-4e0e-9d39-4d2b3f1a9c11", trustOds: "RNB", title: "+44 helpline", summary: "@risk", favoured: "trust", category: "finance", decidedOn: null, factors: [] }),
    ];
    const exported = toCsv(REGISTER_COLUMNS, original);
    const imported = validateImportCsv(exported, { isAdmin: false });
    expect(imported.errors).toEqual([]);
    const back: RegisterExportRow[] = imported.rows.map((r, i) => ({
      ...original[i],
      trustOds: r.input.trust,
      title: r.input.title,
      summary: r.input.summary ?? "",
      favoured: r.input.favoured ?? null,
      category: r.input.category ?? null,
      decidedOn: r.input.decidedOn ?? null,
      factors: r.input.factors ?? [],
    }));
    expect(back.map((r) => r.title)).toEqual(["=cmd|' /C calc'!A0", "+44 helpline"]);
    expect(toCsv(REGISTER_COLUMNS, back)).toBe(exported);
  });
});
