// Importing a trust's existing register (README, "Importing an existing register"): real files made
// here (an .xlsx workbook with its own headers, a Windows-1252 CSV, a UTF-16 text file, a file with a
// byte no encoding can read), column and value mapping, dates as people type them, history imported
// as signed off, saved mappings per trust, and another trust's Chief Executive kept out.
import { createHash } from "node:crypto";
import ExcelJS from "exceljs";
import { and, asc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisionVersions, decisions, importedSignOffs, positions } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { verifyAuditChains } from "@/lib/audit";
import { getRegisterPanel } from "@/lib/dashboards";
import {
  checkImport,
  createDecision,
  getImportedSignOff,
  getImportMapping,
  importDecisions,
  listImportMappings,
  listRegister,
  previewImportFile,
  saveImportMapping,
  submitDecision,
} from "@/lib/decisions";
import { writeImportInTx } from "@/lib/decisions/import-write";
import { decisionInput } from "../support/decisions";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

const CRITERION = "Waits fall | below 500 | 2027-03-31";

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A register as a CE's office keeps it: its own headers, a merged heading, a blank row, codes, £ text and typed dates. */
async function ownRegister(): Promise<Uint8Array> {
  return workbook((wb) => {
    wb.addWorksheet("Notes").addRow(["This workbook is the trust's decision register"]);
    const ws = wb.addWorksheet("Register 2024-25");
    ws.addRow(["Decision", "Description", "Date of decision", "System or Trust", "Type", "Cost", "Cost", "Success measures", "Approved on", "Board meeting", "Approved by"]);
    ws.mergeCells("F1:G1"); // "Cost" over two columns: the second reads as "Cost (2)"
    ws.addRow(["Share the elective hub", "Theatre time for the system", new Date("2024-04-03T00:00:00Z"), "S", "Capacity", "£250k", "(250)", CRITERION, new Date("2024-05-14T00:00:00Z"), "Public board", "Chair and three NEDs"]);
    ws.addRow([]);
    ws.addRow(["Keep the ward open", "Local pressure", "3/4/2025", "T", "Service", "-£1,200,000", 0, CRITERION, null, null, null]);
    ws.addRow(["Joint workforce bank", "Shared staff bank", 45750, "S", "HR", "£2.4m", null, CRITERION, null, null, null]);
  });
}

const mappingFor = (trust: string) => ({
  columns: {
    title: "Decision",
    summary: "Description",
    rationale: "Description",
    "decided on": "Date of decision",
    favoured: "System or Trust",
    category: "Type",
    "impact on trust": "Cost",
    "impact on system": "Cost (2)",
    criteria: "Success measures",
    "historic signed off on": "Approved on",
    "historic meeting": "Board meeting",
    "historic signed off by": "Approved by",
  },
  values: { category: { HR: "workforce" } },
  moneyUnit: "thousands" as const,
  trust,
});

async function rowsOf(trustId: string) {
  return t.db.select().from(decisions).where(eq(decisions.trustId, trustId)).orderBy(asc(decisions.title));
}

describe("an .xlsx register with its own headers", () => {
  it("is previewed with guessed columns, mapped, checked and imported, history as signed off", async () => {
    const a = await makeTrustWithBoard(t.db);
    const bytes = await ownRegister();
    const file = { name: "Decision register.xlsx", bytes, sheet: "Register 2024-25" };

    const preview = await previewImportFile(a.ce, file);
    if (!preview.ok) throw new Error(JSON.stringify(preview.errors));
    expect(preview.sheets).toEqual(["Notes", "Register 2024-25"]);
    expect(preview.headers).toContain("Cost (2)");
    expect(preview.rowCount).toBe(3); // the blank row is skipped
    // Guesses by name and synonym, case and spacing ignored.
    expect(preview.mapping.columns).toMatchObject({ title: "Decision", summary: "Description", "decided on": "Date of decision", favoured: "System or Trust", category: "Type", "impact on trust": "Cost", criteria: "Success measures", "historic signed off on": "Approved on" });
    expect(preview.values.favoured).toEqual(expect.arrayContaining([{ value: "S", count: 2, mapped: "system" }, { value: "T", count: 1, mapped: "trust" }]));
    expect(preview.values.category?.find((v) => v.value === "Capacity")?.mapped).toBe("capacity");
    expect(preview.preview.rows[0].cells).toContain("3 April 2024");

    const mapping = mappingFor(a.trust.ods);
    const check = await checkImport(a.ce, { ...file, mapping });
    expect(check.errors).toEqual([]);
    expect(check).toMatchObject({ total: 3, ready: 3, signedOff: 1, toSubmit: 0, trusts: [a.trust.ods] });

    const result = await importDecisions(a.ce, { ...file, mapping });
    expect(result).toMatchObject({ created: 3, signedOff: 1, submitted: 0 });
    const rows = await rowsOf(a.trust.id);
    const byTitle = Object.fromEntries(rows.map((r) => [r.title, r]));
    expect(byTitle["Share the elective hub"]).toMatchObject({ status: "signed_off", favoured: "system", category: "capacity", decidedOn: "2024-04-03", impactTrustK: 250, impactSystemK: -250, version: 1 });
    expect(byTitle["Share the elective hub"].signedOffAt?.toISOString().slice(0, 10)).toBe("2024-05-14");
    expect(byTitle["Keep the ward open"]).toMatchObject({ status: "draft", favoured: "trust", category: "service", decidedOn: "2025-04-03", impactTrustK: -1200 });
    expect(byTitle["Joint workforce bank"]).toMatchObject({ category: "workforce", decidedOn: "2025-04-03", impactTrustK: 2400 });

    // History: recorded as imported, with no positions the members never took.
    const hub = byTitle["Share the elective hub"];
    const [imported] = await t.db.select().from(importedSignOffs).where(eq(importedSignOffs.decisionId, hub.id));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    expect(imported).toMatchObject({ signedOffOn: "2024-05-14", meeting: "Public board", signedOffBy: "Chair and three NEDs", fileName: "Decision register.xlsx", sheet: "Register 2024-25", row: 2, fileSha256: sha256 });
    expect(await t.db.select().from(positions).where(eq(positions.decisionId, hub.id))).toEqual([]);
    expect(await getImportedSignOff(a.chair, hub.id)).toMatchObject({ signedOffOn: "2024-05-14", meeting: "Public board", row: 2 });
    const outsider = await makeTrustWithBoard(t.db);
    await expect(getImportedSignOff(outsider.ce, hub.id)).rejects.toMatchObject({ code: "not_found" });
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, hub.id))).orderBy(asc(auditEvents.id));
    expect(events.map((e) => e.action)).toEqual(["decision.create", "decision.submit", "decision.signed_off"]);
    expect(events[2].after).toMatchObject({ imported: true, signedOffOn: "2024-05-14", importedFrom: { file: "Decision register.xlsx", sheet: "Register 2024-25", row: 2, sha256 } });
    expect(events[0].after).toMatchObject({ importedFrom: { row: 2, sha256 } });
    expect((await verifyAuditChains(t.db)).chains.find((c) => c.chain === `org:${a.trust.id}`)!.broken).toBeNull();

    // The register and Table 6 count it as signed off.
    const register = await listRegister(a.chair, { status: "signed_off" });
    expect(register.rows.map((r) => r.title)).toEqual(["Share the elective hub"]);
    const panel = await getRegisterPanel(a.chair, { kind: "trust", ods: a.trust.ods }, { status: "signed_off" });
    expect(panel).toMatchObject({ total: 1, system: 1, trust: 0 });
    expect(panel.rows[0]).toMatchObject({ title: "Share the elective hub", status: "signed_off" });
  });

  it("lists every problem at once and writes nothing: ambiguous dates, unreadable amounts, unmapped sides", async () => {
    const a = await makeTrustWithBoard(t.db);
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("Sheet1");
      ws.addRow(["Decision", "Date", "Side", "Cost", "Success measures", "Submit"]);
      ws.addRow(["One", "4/13/2025", "S", "£1k", CRITERION, "no"]);
      ws.addRow(["Two", "3/4/2025", "S", "lots", CRITERION, "no"]);
      ws.addRow(["Three", "3/4/25", "Both", "£1k", CRITERION, "yes"]);
    });
    const mapping = { columns: { title: "Decision", "decided on": "Date", favoured: "Side", "impact on trust": "Cost", criteria: "Success measures", submit: "Submit" }, values: { favoured: { Both: "" } } };
    const check = await checkImport(a.ce, { name: "r.xlsx", bytes, mapping });
    const at = (row: number) => check.errors.filter((e) => e.row === row).map((e) => `${e.column}: ${e.message}`);
    expect(at(2).join()).toMatch(/Date \(Date decided\): Ambiguous date: "4\/13\/2025" is written month first/);
    expect(at(3).join()).toMatch(/Ambiguous date: "3\/4\/2025" could be 3 April 2025 or 4 March 2025/);
    expect(at(3).join()).toMatch(/Cost \(Impact on the trust \(£\)\): "lots" is not an amount/);
    expect(at(4).join()).toMatch(/two-digit year/);
    expect(at(4).join()).toMatch(/Side \(Favoured: system or trust\): A decision to submit needs a side/);
    await expect(importDecisions(a.ce, { name: "r.xlsx", bytes, mapping })).rejects.toThrow(/nothing was imported/);
    expect(await rowsOf(a.trust.id)).toEqual([]);
  });
});

describe("text files in the encodings Excel writes", () => {
  const header = "title,summary,favoured,category,decided on,criteria,impact on trust";

  it("reads a Windows-1252 CSV so that £ and é survive", async () => {
    const a = await makeTrustWithBoard(t.db);
    const text = `${header}\r\nCafé for the system,Costs £250k a year,system,estates,3 April 2025,${CRITERION},£250k\r\n`;
    const bytes = new Uint8Array(Buffer.from(text, "latin1")); // £ = 0xA3, é = 0xE9: Windows-1252
    expect(bytes.includes(0xa3) && bytes.includes(0xe9)).toBe(true);
    const preview = await previewImportFile(a.ce, { name: "register.csv", bytes });
    expect(preview.ok && preview.encoding).toBe("Windows-1252");
    const mapping = { columns: { title: "title", summary: "summary", favoured: "favoured", category: "category", "decided on": "decided on", criteria: "criteria", "impact on trust": "impact on trust" } };
    await importDecisions(a.ce, { name: "register.csv", bytes, mapping });
    const [d] = await rowsOf(a.trust.id);
    expect(d).toMatchObject({ title: "Café for the system", summary: "Costs £250k a year", decidedOn: "2025-04-03", impactTrustK: 250 });
    expect(d.title + d.summary).not.toContain("\uFFFD");
  });

  it("reads Excel's \"Unicode text\" (UTF-16 with a BOM, tab-separated), and UTF-8 with a BOM in Fulcrum's own columns", async () => {
    const a = await makeTrustWithBoard(t.db);
    const tsv = `Decision\tDate of decision\tSystem or Trust\r\nŁódź partnership — £3m\t2025-04-03\tT\r\n`;
    const utf16 = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]));
    const preview = await previewImportFile(a.ce, { name: "register.txt", bytes: utf16 });
    if (!preview.ok) throw new Error("unreadable");
    expect(preview.encoding).toBe("UTF-16LE");
    await importDecisions(a.ce, { name: "register.txt", bytes: utf16, mapping: preview.mapping });
    const utf8 = new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`trust ODS,title\r\n${a.trust.ods},Naïve plan\r\n`, "utf8")]));
    await importDecisions(a.ce, { name: "own.csv", bytes: utf8 });
    expect((await rowsOf(a.trust.id)).map((d) => [d.title, d.favoured])).toEqual([
      ["Naïve plan", null],
      ["Łódź partnership — £3m", "trust"],
    ]);
  });

  it("refuses a byte that is no character in any accepted encoding, naming its row, and imports nothing", async () => {
    const a = await makeTrustWithBoard(t.db);
    const bytes = new Uint8Array(
      Buffer.concat([Buffer.from(`title,summary\r\nFirst £1m,ok\r\nSecond,bad `, "latin1"), Buffer.from([0x81]), Buffer.from(" here\r\n", "latin1")]),
    );
    const mapping = { columns: { title: "title", summary: "summary" } };
    const check = await checkImport(a.ce, { name: "bad.csv", bytes, mapping });
    expect(check.errors).toEqual([{ row: 3, column: "summary", message: expect.stringMatching(/Row 3, column "summary" cannot be read without damage: it contains the byte 0x81/) }]);
    await expect(importDecisions(a.ce, { name: "bad.csv", bytes, mapping })).rejects.toThrow(/nothing was imported/);
    // UTF-8 damaged by a stray byte is refused too, never read as Windows-1252 mojibake.
    const damaged = new Uint8Array(Buffer.concat([Buffer.from("title\r\nCafé £1m\r\nBad ", "utf8"), Buffer.from([0xe9]), Buffer.from("\r\n")]));
    const check2 = await checkImport(a.ce, { name: "damaged.csv", bytes: damaged, mapping: { columns: { title: "title" } } });
    expect(check2.errors.map((e) => e.row)).toEqual([3]);
    expect(await rowsOf(a.trust.id)).toEqual([]);
  });
});

describe("saved mappings and other trusts", () => {
  it("saves a mapping per trust for the next file; another trust's Chief Executive can neither reuse it nor import into the trust", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const saved = await saveImportMapping(a.ce, { trust: a.trust.ods, name: "CE office register", mapping: mappingFor(a.trust.ods) });
    // Saving again under the same name replaces it.
    await saveImportMapping(a.ce, { trust: a.trust.ods, name: "ce office register", mapping: mappingFor(a.trust.ods) });
    expect((await listImportMappings(a.ce)).map((m) => m.name)).toEqual(["CE office register"]);
    expect((await getImportMapping(a.ce, saved.id)).mapping.columns.title).toBe("Decision");

    const other: Actor = b.ce;
    expect(await listImportMappings(other)).toEqual([]);
    await expect(getImportMapping(other, saved.id)).rejects.toMatchObject({ code: "not_found" });
    await expect(saveImportMapping(other, { trust: a.trust.ods, name: "mine", mapping: {} })).rejects.toMatchObject({ code: "not_found" });
    await expect(getImportMapping(a.chair, saved.id)).rejects.toMatchObject({ code: "not_found" });

    // B's Chief Executive sending A's trust in the mapping: every row refused, nothing written.
    const bytes = await ownRegister();
    const check = await checkImport(other, { name: "r.xlsx", bytes, sheet: "Register 2024-25", mapping: mappingFor(a.trust.ods) });
    expect(check.errors.filter((e) => /You cannot import decisions for/.test(e.message)).map((e) => e.row)).toEqual([2, 4, 5]);
    await expect(importDecisions(other, { name: "r.xlsx", bytes, sheet: "Register 2024-25", mapping: mappingFor(a.trust.ods) })).rejects.toThrow();
    expect(await t.db.select().from(decisions).where(inArray(decisions.trustId, [a.trust.id, b.trust.id]))).toEqual([]);
  });
});

describe("a historic row writes what create and submit write, then an imported sign-off", () => {
  it("equals createDecision + submitDecision in its columns, version, hash and events, then is signed off on the past date", async () => {
    const a = await makeTrustWithBoard(t.db);
    const input = decisionInput({ decidedOn: "2024-01-10", trust: a.trust.ods });
    const source = { file: "history.xlsx", sheet: "Sheet1", sha256: "ab".repeat(32) };
    const { ids } = await t.db.transaction((tx) =>
      writeImportInTx(tx, a.ce, [{ row: 7, raw: input, submit: true, signedOff: { on: "2024-02-01", meeting: "Private board", by: "The Chair" } }], { total: 1, source }),
    );
    const created = await createDecision(a.ce, input);
    await submitDecision(a.ce, { id: created.id, baseRevision: created.revision });

    const [[hist], [form]] = await Promise.all([ids[0], created.id].map((id) => t.db.select().from(decisions).where(eq(decisions.id, id))));
    const same = ({ id: _i, createdAt: _c, updatedAt: _u, submittedAt: _s, signedOffAt: _so, status: _st, revision: _r, contentHash: _h, ...rest }: typeof hist) => rest;
    expect(same(hist)).toEqual(same(form));
    expect(hist).toMatchObject({ status: "signed_off", revision: form.revision + 1, version: 1 });
    expect(hist.signedOffAt?.toISOString()).toBe("2024-02-01T12:00:00.000Z");
    expect(hist.submittedAt?.toISOString()).toBe("2024-02-01T12:00:00.000Z");
    const versions = await Promise.all([hist, form].map((d) => t.db.select().from(decisionVersions).where(eq(decisionVersions.decisionId, d.id))));
    const scrub = (d: typeof hist, v: unknown) => JSON.parse(JSON.stringify(v).replaceAll(d.id, "<id>"));
    expect(scrub(hist, versions[0][0].content)).toMatchObject({ ...scrub(form, versions[1][0].content), criteria: expect.any(Array) });
    expect(hist.contentHash).toBe(versions[0][0].contentHash);

    const eventsOf = async (d: typeof hist) =>
      (await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "decision"), eq(auditEvents.entityId, d.id))).orderBy(asc(auditEvents.id))).map((e) => ({ action: e.action, after: e.after as Record<string, unknown> }));
    const [he, fe] = [await eventsOf(hist), await eventsOf(form)];
    expect(he.map((e) => e.action)).toEqual([...fe.map((e) => e.action), "decision.signed_off"]);
    for (const i of [0, 1]) {
      const { importedFrom, ...rest } = he[i].after;
      expect(importedFrom).toEqual({ ...source, row: 7 });
      expect(Object.keys(rest).sort()).toEqual(Object.keys(fe[i].after).sort());
    }
    expect(he[2].after).toMatchObject({ imported: true, signedOffOn: "2024-02-01", meeting: "Private board", signedOffBy: "The Chair", importedFrom: { ...source, row: 7 } });
  });

  it("refuses a sign-off date in the future or before the decision, naming the row", async () => {
    const a = await makeTrustWithBoard(t.db);
    const write = (on: string) =>
      t.db.transaction((tx) => writeImportInTx(tx, a.ce, [{ row: 9, raw: decisionInput({ decidedOn: "2024-01-10", trust: a.trust.ods }), submit: true, signedOff: { on, meeting: "", by: "" } }], { total: 1 }));
    await expect(write("2099-01-01")).rejects.toMatchObject({ row: 9 });
    await expect(write("2023-12-31")).rejects.toMatchObject({ row: 9 });
    expect(await rowsOf(a.trust.id)).toEqual([]);
  });
});
