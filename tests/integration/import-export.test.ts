import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisionFactors, decisionOrganisations, decisionVersions, decisions, organisations, successCriteria } from "@/db/schema";
import type { Actor } from "@/lib/access";
import { verifyAuditChains } from "@/lib/audit";
import { buildBoardPaper } from "@/lib/board-paper/build";
import { renderBoardPaperPdf } from "@/lib/board-paper/pdf";
import {
  checkImport,
  createDecision,
  createDecisionInTx,
  getDecision,
  getDecisionVersion,
  importDecisions,
  listDecisionsPage,
  listRegisterExportRows,
  submitDecision,
  submitDecisionInTx,
  type CreateDecisionInput,
} from "@/lib/decisions";
import { hashVersionContent, type VersionContent } from "@/lib/decisions/content";
import { ImportRowFailure, writeImportInTx } from "@/lib/decisions/import-write";
import { readContent } from "@/lib/decisions/store";
import { toCsv } from "@/lib/export/csv";
import { parseCsv } from "@/lib/export/csv-parse";
import { IMPORT_COLUMNS } from "@/lib/export/import-rows";
import { REGISTER_COLUMNS } from "@/lib/export/register";
import { recordPosition } from "@/lib/sign-off";
import { makeSubmittedDecision } from "../support/decision-fixture";
import { decisionInput } from "../support/decisions";
import { makeAdmin, makeTrust, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

const line = (cells: string[]) => cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
const HEADER = line([...IMPORT_COLUMNS].filter((c) => c !== "author email"));

function goodRow(ods: string, i: number, submit = false) {
  return line([
    ods,
    `Imported decision ${i}`,
    `Summary ${i}`,
    `Rationale ${i}`,
    i % 3 ? "system" : "trust",
    "service",
    `2025-${String((i % 12) + 1).padStart(2, "0")}-15`,
    "population_outcomes; workforce",
    "trust",
    `Waits fall ${i} | below 500 | 2027-03-31`,
    submit ? "yes" : "no",
  ]);
}

async function countFor(trustId: string) {
  const [{ n }] = await t.db.select({ n: count() }).from(decisions).where(eq(decisions.trustId, trustId));
  return n;
}

describe("register export", () => {
  it("reports support counting toward sign-off the way the panel does: a conflicted member is not counted (issue 10 item 4)", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce });
    await recordPosition(a.chair, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    await recordPosition(a.exec, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    await recordPosition(a.ned2, { decisionId: d.id, position: "support", forum: "public_board", version: 1, conflict: "My spouse works at the other trust" });
    await recordPosition(a.ned1, { decisionId: d.id, position: "object", comment: "Too costly", forum: "public_board", version: 1 });
    const { getSignOffPanel } = await import("@/lib/sign-off");
    const panel = await getSignOffPanel(a.ce, d.id);
    expect(panel.supportingCounted).toBe(2);
    const [row] = await listRegisterExportRows(a.ce, { trust: a.trust.ods });
    expect(row).toMatchObject({ positionsSupport: 3, supportCounted: panel.supportingCounted });
    const csv = toCsv(REGISTER_COLUMNS, [row]);
    expect(csv.split("\n")[0]).toContain("support counting toward sign-off");
    const paper = await buildBoardPaper(a.ce, d.id);
    expect(paper.signOff).toMatchObject({ counting: 2, needed: 3, chairRequired: true });
    expect(paper.positions.find((p) => p.memberName === a.ned2.name)).toMatchObject({ counts: false, notCountedReason: "Conflict of interest declared" });
    expect(paper.positions.filter((p) => p.counts)).toHaveLength(2);
  });

  it("counts positions (dissent included), criteria and criteria met, for readable decisions only, and neutralises formulas", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "=HYPERLINK(\"http://evil\")" });
    await recordPosition(a.ned1, { decisionId: d.id, position: "object", comment: "Too costly", forum: "public_board", version: 1 });
    await recordPosition(a.ned2, { decisionId: d.id, position: "abstain", forum: "public_board", version: 1 });
    await recordPosition(a.exec, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    await makeSubmittedDecision(t.db, { trust: b.trust, author: b.ce });
    const rows = await listRegisterExportRows(a.ce, {});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: d.id, trustOds: a.trust.ods, positionsSupport: 1, positionsObject: 1, positionsAbstain: 1, criteriaCount: 1, criteriaMet: 0, signedOffOn: null, version: 1 });
    expect(rows[0].factors).toEqual(["population_outcomes", "relationships_reciprocity"]);
    // Dissent, with its words, travels with the export: objection first (recorded first), then the abstention.
    expect(rows[0].dissent).toBe(`Objected: ${a.ned1.name} (Non-Executive Director) – Too costly\nAbstained: ${a.ned2.name} (Non-Executive Director)`);
    const csv = toCsv(REGISTER_COLUMNS, rows);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
    // Trust B's CE sees none of trust A's.
    expect((await listRegisterExportRows(b.ce, {})).map((r) => r.id)).not.toContain(d.id);
    await expect(listRegisterExportRows(b.ce, { trust: a.trust.ods })).rejects.toMatchObject({ code: "not_found" });
  });

  it("round trip: export → import → export is equal on the imported columns", async () => {
    const a = await makeTrustWithBoard(t.db);
    const rows = [0, 1, 2, 3].map((i) => goodRow(a.trust.ods, i, i % 2 === 0));
    rows.push(line([a.trust.ods, "+Formula-looking title", "-5% growth", "", "", "", "", "", "trust", "", "no"]));
    const first = await importDecisions(a.ce, [HEADER, ...rows].join("\r\n"));
    expect(first.created).toBe(5);
    const exported1 = toCsv(REGISTER_COLUMNS, await listRegisterExportRows(a.ce, {}));
    // Into a second trust: the exported file with the trust column changed.
    const b = await makeTrustWithBoard(t.db);
    const recs = parseCsv(exported1);
    const odsAt = recs[0].fields.indexOf("trust ODS");
    const reimport = recs.map((r, i) => line(i === 0 ? r.fields : r.fields.map((f, j) => (j === odsAt ? b.trust.ods : f)))).join("\r\n");
    const dry = await checkImport(b.ce, reimport);
    expect(dry.errors).toEqual([]);
    expect(dry.ready).toBe(5);
    expect(await countFor(b.trust.id)).toBe(0);
    await importDecisions(b.ce, reimport);
    const exported2 = toCsv(REGISTER_COLUMNS, await listRegisterExportRows(b.ce, {}));
    const imported = ["title", "summary", "favoured", "category", "decided on", "factors"];
    const project = (csv: string) => {
      const [h, ...data] = parseCsv(csv);
      const idx = imported.map((c) => h.fields.indexOf(c));
      return data.map((r) => idx.map((i) => r.fields[i]).join("\u0001")).sort();
    };
    expect(project(exported2)).toEqual(project(exported1));
    expect(exported1).toContain("'+Formula-looking title");
    expect(exported1).toContain("'-5% growth");
  });
});

describe("CSV import", () => {
  it("a file with 3 bad rows of 50 writes nothing and names the rows and columns", async () => {
    const a = await makeTrustWithBoard(t.db);
    const rows = Array.from({ length: 50 }, (_, i) => goodRow(a.trust.ods, i));
    rows[4] = line([a.trust.ods, "", "s", "r", "system", "service", "2025-01-01", "", "trust", "", "no"]); // row 6: no title
    rows[19] = line([a.trust.ods, "Bad side", "s", "r", "both", "service", "2025-01-01", "", "trust", "", "no"]); // row 21
    rows[41] = line([a.trust.ods, "Bad date", "s", "r", "system", "service", "31/02/2025", "", "trust", "", "no"]); // row 43
    const file = [HEADER, ...rows].join("\r\n");
    const [{ n: auditBefore }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organisationId, a.trust.id));
    const dry = await checkImport(a.ce, file);
    expect(dry.total).toBe(50);
    expect(dry.ready).toBe(0);
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [6, "title"],
      [21, "favoured"],
      [43, "decided on"],
    ]);
    await expect(importDecisions(a.ce, file)).rejects.toMatchObject({ code: "invalid" });
    expect(await countFor(a.trust.id)).toBe(0);
    const [{ n: auditAfter }] = await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organisationId, a.trust.id));
    expect(auditAfter).toBe(auditBefore);
  });

  it("one dry run names every row's problems: the file's own, the lib's rules and the database's, writing nothing", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const admin = await makeAdmin(t.db);
    const adminHeader = line([...IMPORT_COLUMNS]);
    const row = (o: { ods?: string; title?: string; rationale?: string; decided?: string; email?: string; submit?: string } = {}) =>
      line([o.ods ?? a.trust.ods, o.title ?? "By admin", "s", o.rationale ?? "r", "system", "service", o.decided ?? "2025-01-01", "", "trust", o.email ?? a.ce.email, "Waits fall | 500 | 2027-01-01", o.submit ?? "no"]);
    const file = [
      adminHeader,
      row(), // row 2: good
      row({ decided: "31/02/2025" }), // row 3: a format error (bad date)
      row({ ods: "RZZZZ9" }), // row 4: no such trust (the database)
      row({ title: "" }), // row 5: no title
      row({ rationale: "", submit: "yes" }), // row 6: cannot be submitted (the lib's rule)
      row({ decided: "2025-13-01", email: b.ce.email }), // row 7: a bad date and an author who is not the trust's Chief Executive
    ].join("\r\n");
    const auditCount = async () => (await t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.organisationId, a.trust.id)))[0].n;
    const auditBefore = await auditCount();

    const dry = await checkImport(admin, file);
    expect(dry).toMatchObject({ total: 6, ready: 0, toSubmit: 0, trusts: [] });
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "decided on"],
      [4, "trust ODS"],
      [5, "title"],
      [6, "rationale"],
      [7, "author email"],
      [7, "decided on"],
    ]);
    expect(dry.errors.find((e) => e.row === 4)!.message).toBe("There is no trust with ODS code RZZZZ9");
    expect(dry.errors.find((e) => e.row === 7 && e.column === "author email")!.message).toContain("is not the Chief Executive of");

    // All or nothing: the import refuses the file with the same list.
    await expect(importDecisions(admin, file)).rejects.toMatchObject({ code: "invalid", details: { errors: dry.errors } });
    expect(await countFor(a.trust.id)).toBe(0);
    expect(await auditCount()).toBe(auditBefore);
  });

  it("a Chief Executive's dry run names a format error, a missing title and a lib rule on three rows at once", async () => {
    const a = await makeTrustWithBoard(t.db);
    const rows = [0, 1, 2, 3].map((i) => goodRow(a.trust.ods, i, true));
    rows[0] = line([a.trust.ods, "Bad date", "s", "r", "system", "service", "2025-02-30", "", "trust", "Waits fall | 500 | 2027-01-01", "no"]); // row 2
    rows[1] = line([a.trust.ods, "", "s", "r", "system", "service", "2025-01-01", "", "trust", "", "no"]); // row 3
    rows[2] = line([a.trust.ods, "No summary", "", "r", "system", "service", "2025-01-01", "", "trust", "Waits fall | 500 | 2027-01-01", "yes"]); // row 4
    const file = [HEADER, ...rows].join("\r\n");
    const dry = await checkImport(a.ce, file);
    expect(dry.errors.map((e) => [e.row, e.column])).toEqual([
      [2, "decided on"],
      [3, "title"],
      [4, "summary"],
    ]);
    expect(dry.ready).toBe(0);
    await expect(importDecisions(a.ce, file)).rejects.toMatchObject({ code: "invalid" });
    expect(await countFor(a.trust.id)).toBe(0);
  });

  it("refuses another trust's ODS for a Chief Executive, and checks an administrator's authors", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const dry = await checkImport(b.ce, [HEADER, goodRow(a.trust.ods, 1)].join("\n"));
    expect(dry.errors).toEqual([{ row: 2, column: "trust ODS", message: `You cannot import decisions for ${a.trust.ods}` }]);
    const admin = await makeAdmin(t.db);
    const adminHeader = line([...IMPORT_COLUMNS]);
    const adminRow = (ods: string, email: string) => line([ods, "By admin", "s", "r", "system", "service", "2025-01-01", "", "trust", email, "Waits fall | 500 | 2027-01-01", "yes"]);
    const wrongAuthor = await checkImport(admin, [adminHeader, adminRow(a.trust.ods, b.ce.email)].join("\n"));
    expect(wrongAuthor.errors).toEqual([{ row: 2, column: "author email", message: expect.stringContaining("is not the Chief Executive of") }]);
    const noTrust = await checkImport(admin, [adminHeader, adminRow("RZZZZ9", a.ce.email)].join("\n"));
    expect(noTrust.errors[0]).toMatchObject({ row: 2, column: "trust ODS" });
    const done = await importDecisions(admin, [adminHeader, adminRow(a.trust.ods, a.ce.email)].join("\n"));
    expect(done).toMatchObject({ created: 1, submitted: 1 });
    const [d] = await t.db.select().from(decisions).where(eq(decisions.id, done.ids[0]));
    expect(d).toMatchObject({ authorId: a.ce.userId, status: "awaiting_sign_off", version: 1 });
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, a.trust.id), eq(auditEvents.action, "decision.import")));
    expect(events).toHaveLength(1);
    expect(events[0].actorId).toBe(admin.userId);
  });

  it("imports a good file of 5,000 rows in one transaction", { timeout: 600_000 }, async () => {
    const a = await makeTrustWithBoard(t.db);
    const rows = Array.from({ length: 5000 }, (_, i) => goodRow(a.trust.ods, i, i % 10 === 0));
    const file = [HEADER, ...rows].join("\r\n");
    const started = performance.now();
    const result = await importDecisions(a.ce, file);
    const ms = performance.now() - started;
    console.log(`[import] 5,000 rows (500 submitted) on ${process.env.TEST_DATABASE_URL ? "PostgreSQL" : "PGlite"}: ${(ms / 1000).toFixed(1)} s`);
    expect(result).toMatchObject({ created: 5000, submitted: 500 });
    expect(await countFor(a.trust.id)).toBe(5000);
    // One transaction: every row was written by the same transaction id.
    const [{ n: xids }] = await t.db.execute<{ n: number }>(
      // xmin is the inserting transaction of each row version.
      (await import("drizzle-orm")).sql`select count(distinct xmin::text)::int as n from decisions where trust_id = ${a.trust.id} and status = 'draft'`,
    ).then((r) => ((r as unknown as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[])));
    expect(xids).toBe(1);
    const page = await listDecisionsPage(a.ce, { trust: a.trust.ods }, { limit: 200 });
    expect(page.data).toHaveLength(200);
    expect(page.nextCursor).not.toBeNull();
    // Frozen content hashes recompute from what is stored, for a few of the 500 submitted.
    for (const i of [0, 2500, 4990]) await expectHashesMatch(a.ce, result.ids[i]);
    // The chain: 5,000 creates, 500 submits and the import's own event, each linked to the last.
    const report = await verifyAuditChains(t.db);
    const chain = report.chains.find((c) => c.chain === `org:${a.trust.id}`)!;
    expect(chain).toMatchObject({ events: 5501, broken: null });
  });
});

// ---------------------------------------------------------------- the import writes what the form writes

type Spec = {
  title: string;
  summary?: string;
  rationale?: string;
  favoured?: "system" | "trust";
  category?: "service" | "finance";
  decidedOn?: string;
  factors?: ("population_outcomes" | "workforce" | "financial_stability")[];
  visibility?: "trust" | "system";
  criteria?: { statement: string; target: string; judgedBy: string }[];
  submit?: boolean;
};

/** The file's row for a decision, and the input the form (createDecision) would be given for it. */
function rowAndInput(ods: string, s: Spec, authorEmail?: string) {
  const criteria = s.criteria ?? [];
  const cells = [
    ods,
    s.title,
    s.summary ?? "",
    s.rationale ?? "",
    s.favoured ?? "",
    s.category ?? "",
    s.decidedOn ?? "",
    (s.factors ?? []).join("; "),
    s.visibility ?? "",
    ...(authorEmail === undefined ? [] : [authorEmail]),
    criteria.map((c) => `${c.statement} | ${c.target} | ${c.judgedBy}`).join("; "),
    s.submit ? "yes" : "no",
  ];
  const input: CreateDecisionInput = {
    trust: ods,
    title: s.title,
    summary: s.summary ?? "",
    options: "",
    rationale: s.rationale ?? "",
    favoured: s.favoured ?? null,
    category: s.category ?? null,
    decidedOn: s.decidedOn ?? null,
    factors: s.factors ?? [],
    visibility: s.visibility ?? "trust",
    // An imported criterion's statement is also its measure; it has no baseline.
    criteria: criteria.map((c) => ({ statement: c.statement, measure: c.statement, baseline: "", target: c.target, judgedBy: c.judgedBy })),
  };
  return { line: line(cells), input };
}

const SPECS: Spec[] = [
  {
    title: "Share a pathology network",
    summary: "Join the ICS pathology network",
    rationale: "Cheaper per test",
    favoured: "system",
    category: "service",
    decidedOn: "2025-06-15",
    factors: ["workforce", "population_outcomes"],
    visibility: "system",
    criteria: [
      { statement: "Turnaround under 24 hours", target: "95%", judgedBy: "2026-03-31" },
      { statement: "Cost per test falls", target: "£4", judgedBy: "2026-09-30" },
    ],
    submit: true,
  },
  { title: "A draft with a title only" },
  {
    title: "Defer the estates plan",
    summary: "Wait a year",
    rationale: "No capital",
    favoured: "trust",
    category: "finance",
    decidedOn: "2025-01-02",
    factors: ["financial_stability"],
    criteria: [{ statement: "Backlog held", target: "£30m", judgedBy: "2026-01-31" }],
  },
  {
    title: "Submit a one-criterion decision",
    summary: "s",
    rationale: "r",
    favoured: "trust",
    category: "service",
    decidedOn: "2024-12-31",
    criteria: [{ statement: "Waits fall", target: "below 500", judgedBy: "2027-03-31" }],
    submit: true,
  },
];

/**
 * Everything stored about a decision, with what must differ between two decisions (ids, times) left
 * out and ids inside content and events replaced by placeholders.
 */
async function snapshot(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  const content = await readContent(t.db, d);
  const subs: [string, string][] = [[d.id, "<decision>"], ...content.criteria.map((c, i): [string, string] => [c.id, `<criterion ${i}>`])];
  if (d.contentHash) subs.push([d.contentHash, "<hash>"]);
  const scrub = (v: unknown) => JSON.parse(subs.reduce((json, [from, to]) => json.replaceAll(from, to), JSON.stringify(v)));
  const versions = await t.db.select().from(decisionVersions).where(eq(decisionVersions.decisionId, id)).orderBy(asc(decisionVersions.version));
  for (const v of versions) expect(hashVersionContent(v.content as VersionContent)).toBe(v.contentHash);
  const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityType, "decision"), eq(auditEvents.entityId, id))).orderBy(asc(auditEvents.id));
  const parts = {
    factors: (await t.db.select().from(decisionFactors).where(eq(decisionFactors.decisionId, id))).map((f) => f.factor).sort(),
    organisations: (await t.db.select().from(decisionOrganisations).where(eq(decisionOrganisations.decisionId, id))).map(({ id: _, decisionId: _d, ...o }) => o),
    criteria: (await t.db.select().from(successCriteria).where(eq(successCriteria.decisionId, id)).orderBy(asc(successCriteria.ordinal))).map(
      ({ id: _, decisionId: _d, createdAt: _c, ...c }) => c,
    ),
  };
  const { id: _id, createdAt: _c, updatedAt: _u, submittedAt, contentHash, ...columns } = d;
  return {
    columns,
    parts,
    submitted: submittedAt !== null,
    hasHash: contentHash !== null,
    content: scrub(content),
    versions: versions.map((v) => ({ version: v.version, createdById: v.createdById, content: scrub(v.content) })),
    events: events.map((e) => ({
      chain: e.chain,
      organisationId: e.organisationId,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      before: scrub(e.before),
      after: scrub(e.after),
      ip: e.ip,
      userAgent: e.userAgent,
    })),
  };
}

/** The stored hash of version 1 recomputes from the decision as read (getDecision) and as frozen. */
async function expectHashesMatch(reader: Actor, id: string) {
  const d = await getDecision(reader, id);
  const [stored] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  const [trust] = await t.db.select().from(organisations).where(eq(organisations.id, stored.trustId));
  const fromRows: VersionContent = {
    schema: "fulcrum.decision-version/1",
    decisionId: id,
    version: 1,
    trust: { ods: trust.ods, name: trust.name },
    ...(await readContent(t.db, stored)),
  } as VersionContent;
  expect(d.version).toBe(1);
  expect(hashVersionContent(fromRows)).toBe(stored.contentHash);
  const { id: _id, trust: _t, author: _a, status: _s, version: _v, revision: _r, contentHash: _h, createdAt: _c, updatedAt: _u, submittedAt: _sa, frozenAt: _f, withdrawnAt: _w, withdrawReason: _wr, declinedAt: _d, declineReason: _dr, signedOffAt: _so, reviewedAt: _rv, versions: _vs, permissions: _p, urgent: _ur, urgentReason: _urr, ratification: _ra, chairsActionAt: _ca, ratificationDecidedAt: _rd, outsideAppetite: _oa, ...content } = d;
  expect(hashVersionContent({ ...fromRows, ...content } as VersionContent)).toBe(d.contentHash);
  expect(d.versions[0].contentHash).toBe(d.contentHash);
  const v = await getDecisionVersion(reader, id, 1);
  expect(v).toMatchObject({ hashMatches: true, recomputedHash: d.contentHash, contentHash: d.contentHash });
}

async function chainEvents(trustId: string, fromSeq: number) {
  const rows = await t.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.chain, `org:${trustId}`)))
    .orderBy(asc(auditEvents.seq));
  return rows.filter((e) => e.seq > fromSeq);
}

async function headSeq(trustId: string) {
  const rows = await t.db.select({ seq: auditEvents.seq }).from(auditEvents).where(eq(auditEvents.chain, `org:${trustId}`));
  return Math.max(0, ...rows.map((r) => r.seq));
}

describe("CSV import writes what create and submit write", () => {
  it("a Chief Executive's imported decisions equal the form's, row for row: columns, content, versions, hashes and events", async () => {
    const a = await makeTrustWithBoard(t.db);
    const pairs = SPECS.map((s) => rowAndInput(a.trust.ods, s));
    const before = await headSeq(a.trust.id);
    const imported = await importDecisions(a.ce, [HEADER, ...pairs.map((p) => p.line)].join("\r\n"));
    expect(imported).toMatchObject({ created: 4, submitted: 2 });

    // The chain: each row's create (and submit) in file order, then the import; seq and id agree.
    const events = await chainEvents(a.trust.id, before);
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ["decision.create", imported.ids[0]],
      ["decision.submit", imported.ids[0]],
      ["decision.create", imported.ids[1]],
      ["decision.create", imported.ids[2]],
      ["decision.create", imported.ids[3]],
      ["decision.submit", imported.ids[3]],
      ["decision.import", null],
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => before + i + 1));
    expect([...events].sort((x, y) => x.id - y.id).map((e) => e.seq)).toEqual(events.map((e) => e.seq));
    expect(events.at(-1)!.after).toEqual({ rows: 4, created: 4, submitted: 2 });
    expect((await verifyAuditChains(t.db)).chains.find((c) => c.chain === `org:${a.trust.id}`)!.broken).toBeNull();

    // The same decisions through the form.
    for (const [i, s] of SPECS.entries()) {
      const created = await createDecision(a.ce, pairs[i].input);
      if (s.submit) await submitDecision(a.ce, { id: created.id, baseRevision: created.revision });
      const mine = await snapshot(created.id);
      const theirs = await snapshot(imported.ids[i]);
      expect(theirs).toEqual(mine);
      expect(theirs.columns).toMatchObject(s.submit ? { status: "awaiting_sign_off", version: 1, revision: 2 } : { status: "draft", version: 0, revision: 1 });
      if (s.submit) await expectHashesMatch(a.ce, imported.ids[i]);
    }
  });

  it("an administrator's import on behalf of two trusts' Chief Executives equals createDecisionInTx + submitDecisionInTx on behalf, chain by chain", async () => {
    const a = await makeTrustWithBoard(t.db);
    const b = await makeTrustWithBoard(t.db);
    const admin = await makeAdmin(t.db);
    const adminHeader = line([...IMPORT_COLUMNS]);
    const plan = SPECS.flatMap((s) => [
      { who: a, ...rowAndInput(a.trust.ods, s, a.ce.email), s },
      { who: b, ...rowAndInput(b.trust.ods, { ...s, title: `${s.title} (B)` }, b.ce.email), s },
    ]);
    const [beforeA, beforeB] = [await headSeq(a.trust.id), await headSeq(b.trust.id)];
    const imported = await importDecisions(admin, [adminHeader, ...plan.map((p) => p.line)].join("\n"));
    expect(imported).toMatchObject({ created: 8, submitted: 4 });

    for (const [who, before] of [[a, beforeA], [b, beforeB]] as const) {
      const ids = imported.ids.filter((_, i) => plan[i].who === who);
      const events = await chainEvents(who.trust.id, before);
      expect(events.map((e) => [e.action, e.entityId])).toEqual([
        ["decision.create", ids[0]],
        ["decision.submit", ids[0]],
        ["decision.create", ids[1]],
        ["decision.create", ids[2]],
        ["decision.create", ids[3]],
        ["decision.submit", ids[3]],
        ["decision.import", null],
      ]);
      expect(events.every((e) => e.actorId === admin.userId)).toBe(true);
      expect(events.slice(0, -1).every((e) => (e.after as { onBehalfOf?: string }).onBehalfOf === who.ce.userId)).toBe(true);
      expect(events.at(-1)!.after).toEqual({ rows: 8, created: 4, submitted: 2 });
    }
    const report = await verifyAuditChains(t.db);
    for (const who of [a, b]) expect(report.chains.find((c) => c.chain === `org:${who.trust.id}`)!.broken).toBeNull();

    for (const [i, p] of plan.entries()) {
      const created = await t.db.transaction(async (tx) => {
        const d = await createDecisionInTx(tx, admin, p.input, { onBehalfOf: p.who.ce });
        if (p.s.submit) await submitDecisionInTx(tx, admin, { id: d.id, baseRevision: d.revision }, { onBehalfOf: p.who.ce });
        return d;
      });
      expect(await snapshot(imported.ids[i])).toEqual(await snapshot(created.id));
      if (p.s.submit) await expectHashesMatch(p.who.ce, imported.ids[i]);
    }
  });

  it("a row the create or submit rules refuse is named, and nothing is written", async () => {
    const a = await makeTrustWithBoard(t.db);
    const good = rowAndInput(a.trust.ods, SPECS[0]).input;
    const noCriteria = rowAndInput(a.trust.ods, { ...SPECS[3], criteria: [] }).input;
    const before = await headSeq(a.trust.id);
    const write = (rows: { row: number; raw: unknown; submit: boolean }[]) => t.db.transaction((tx) => writeImportInTx(tx, a.ce, rows, { total: rows.length }));

    // Submit needs a criterion: row 4 is refused when it is submitted, after rows 2 and 3 were written.
    const failure = await write([
      { row: 2, raw: good, submit: true },
      { row: 3, raw: good, submit: false },
      { row: 4, raw: noCriteria, submit: true },
    ]).catch((e) => e);
    expect(failure).toBeInstanceOf(ImportRowFailure);
    expect(failure).toMatchObject({ row: 4, error: { code: "invalid", fieldErrors: { criteria: expect.any(String) } } });

    // Another trust (not the Chief Executive's): "not found", as createDecisionInTx says.
    const other = await makeTrust(t.db);
    const elsewhere = await write([
      { row: 2, raw: good, submit: false },
      { row: 3, raw: { ...good, trust: other.ods }, submit: false },
    ]).catch((e) => e);
    expect(elsewhere).toMatchObject({ row: 3, error: { code: "not_found", message: "Trust not found" } });

    // The first refused row is named (as row by row), even when a later row fails a check made earlier in a row.
    const ceOfOther = await makeUser(t.db, [{ organisationId: other.id, role: "chief_executive" }]);
    const first = await t.db
      .transaction((tx) =>
        writeImportInTx(tx, ceOfOther, [
          { row: 2, raw: { ...noCriteria, trust: other.ods }, submit: true },
          { row: 3, raw: good, submit: false },
        ], { total: 2 }),
      )
      .catch((e) => e);
    expect(first).toMatchObject({ row: 2, error: { fieldErrors: { criteria: expect.any(String) } } });

    expect(await countFor(a.trust.id)).toBe(0);
    expect(await countFor(other.id)).toBe(0);
    expect(await headSeq(a.trust.id)).toBe(before);
    const [{ n }] = await t.db.select({ n: count() }).from(decisions).where(inArray(decisions.trustId, [a.trust.id, other.id]));
    expect(n).toBe(0);
  });
});

describe("board paper", () => {
  it("the PDF contains the content hash, the audit chain head and every position (text extracted)", async () => {
    const a = await makeTrustWithBoard(t.db);
    const d = await makeSubmittedDecision(t.db, { trust: a.trust, author: a.ce, title: "Share the elective hub" });
    await recordPosition(a.ned1, { decisionId: d.id, position: "object", comment: "Our own waits will grow", forum: "private_session", version: 1, conflict: "Governor of the neighbouring trust" });
    await recordPosition(a.exec, { decisionId: d.id, position: "abstain", forum: "public_board", version: 1 });
    await recordPosition(a.chair, { decisionId: d.id, position: "support", comment: "System benefit is clear", forum: "public_board", version: 1 });
    const paper = await buildBoardPaper(a.ce, d.id);
    expect(paper.positions).toHaveLength(3);
    expect(paper.auditChain).toBe(`org:${a.trust.id}`);
    const pdf = await renderBoardPaperPdf(paper);
    const dir = mkdtempSync(join(tmpdir(), "paper-"));
    writeFileSync(join(dir, "p.pdf"), pdf);
    const text = execFileSync("pdftotext", [join(dir, "p.pdf"), "-"], { encoding: "utf8" }).replace(/\s+/g, "");
    expect(text).toContain(d.contentHash!);
    expect(text).toContain(paper.auditHeadHash);
    for (const p of paper.positions) expect(text).toContain(p.memberName.replace(/\s+/g, ""));
    for (const words of ["Ourownwaitswillgrow", "Systembenefitisclear", "Governoroftheneighbouringtrust"]) expect(text).toContain(words);
    // Another trust's Chief Executive gets not found.
    const other = await makeTrustWithBoard(t.db);
    await expect(buildBoardPaper(other.ce, d.id)).rejects.toMatchObject({ code: "not_found" });
    // A draft's board paper is for its author only.
    const draft = await createDecision(a.ce, decisionInput({ title: "Draft only" }));
    await expect(buildBoardPaper(a.chair, draft.id)).rejects.toMatchObject({ code: "not_found" });
  });
});
