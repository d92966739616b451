import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, decisions, riskAppetiteStatements } from "@/db/schema";
import { createDecision, getDecisionVersion, listRegister, previewAppetiteCheck, submitDecision, updateDecision } from "@/lib/decisions";
import { hashVersionContent } from "@/lib/decisions/content";
import { AppError } from "@/lib/errors";
import { getRiskAppetite, getRiskAppetiteVersion, listRiskAppetiteVersions, outsideSentence, setRiskAppetite } from "@/lib/risk-appetite";
import { getSignOffPanel, recordPosition } from "@/lib/sign-off";
import { buildBoardPaper } from "@/lib/board-paper/build";
import { renderBoardPaperPdf } from "@/lib/board-paper/pdf";
import { addAgendaItem, buildBoardPack, createMeeting, getMeeting, issuePack } from "@/lib/meetings";
import { OUTSIDE_APPETITE_GATE, riskLines } from "@/lib/board-paper/labels";
import { decisionInput } from "../support/decisions";
import { getRiskAppetitePanel } from "@/lib/dashboards";
import { GET as listDecisionsRoute, POST as createDecisionRoute } from "@/app/api/v1/decisions/route";
import { PATCH as patchDecisionRoute } from "@/app/api/v1/decisions/[id]/route";
import { POST as submitDecisionRoute } from "@/app/api/v1/decisions/[id]/submit/route";
import { listRegisterExportRows } from "@/lib/decisions";
import { createApiToken } from "@/lib/tokens";
import { makeAdmin, makeIcs, makeNational, makeTrustWithBoard, makeUser } from "../support/factories";
import { useTestDatabase } from "../support/db";

const t = useTestDatabase();

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "ok";
  } catch (e) {
    if (e instanceof AppError) return e.code;
    throw e;
  }
}

async function row(id: string) {
  const [d] = await t.db.select().from(decisions).where(eq(decisions.id, id));
  return d;
}

const appetite = (finance: string, note = "") => ({
  baseVersion: 0,
  note,
  domains: {
    finance: { level: finance, statement: "We accept modest financial risk for long-term sustainability." },
    quality_safety: { level: "minimal", statement: "Patient safety comes first." },
    partnerships_system: { level: "seek", statement: "We seek to lead system-wide change." },
  },
});

async function boardWithSecretary(opts: { icsId?: string } = {}) {
  const a = await makeTrustWithBoard(t.db, opts);
  const sec = await makeUser(t.db, [{ organisationId: a.trust.id, role: "company_secretary" }]);
  return { ...a, sec };
}

/** A submitted decision taking `level` risk in finance (and open in partnerships, within a seek appetite). */
async function submittedWithRisk(a: Awaited<ReturnType<typeof boardWithSecretary>>, level: string, favoured: "system" | "trust" = "system") {
  const created = await createDecision(
    a.ce,
    decisionInput({
      title: `Underwrite the shared elective hub (${level})`,
      favoured,
      risks: [
        { domain: "finance", level, reason: "We carry the hub's first-year deficit" },
        { domain: "partnerships_system", level: "open", reason: "Joint governance with two trusts" },
      ],
    } as never),
  );
  await submitDecision(a.ce, { id: created.id, baseRevision: created.revision });
  return row(created.id);
}

describe("risk appetite statement", () => {
  it("is set by the Chair or the Company Secretary as dated versions, each audited; the old ones stay readable", async () => {
    const a = await boardWithSecretary();
    expect((await getRiskAppetite(a.ned1, a.trust.ods)).current).toBeNull();
    expect(await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"))).toEqual({ version: 1 });
    expect(await setRiskAppetite(a.chair, a.trust.ods, { ...appetite("open", "Recovery plan agreed"), baseVersion: 1 })).toEqual({ version: 2 });

    const view = await getRiskAppetite(a.ce, a.trust.ods);
    expect(view.current?.version).toBe(2);
    expect(view.current?.levels.find((l) => l.domain === "finance")?.level).toBe("open");
    expect(view.canSet).toBe(false);
    const { versions } = await listRiskAppetiteVersions(a.exec, a.trust.ods);
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect((await getRiskAppetiteVersion(a.ned2, a.trust.ods, 1)).levels.find((l) => l.domain === "finance")?.level).toBe("cautious");

    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.organisationId, a.trust.id), eq(auditEvents.action, "risk_appetite.set")));
    expect(events).toHaveLength(2);
    expect(events.map((e) => (e.after as { version: number }).version).sort()).toEqual([1, 2]);
    expect(events.find((e) => (e.after as { version: number }).version === 2)?.before).toMatchObject({ version: 1 });
  });

  it("refuses a stale version, a level without a sentence (naming the field), and writes nothing", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    await expect(setRiskAppetite(a.chair, a.trust.ods, appetite("open"))).rejects.toMatchObject({ code: "conflict" });
    await expect(
      setRiskAppetite(a.chair, a.trust.ods, { baseVersion: 1, domains: { finance: { level: "open", statement: "" } } }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "domains.finance.statement": "Enter the statement for finance" } });
    await expect(
      setRiskAppetite(a.chair, a.trust.ods, { baseVersion: 1, domains: { workforce: { level: "reckless", statement: "x" } } }),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "domains.workforce.level": expect.stringMatching(/appetite for workforce/) } });
    expect(await t.db.select().from(riskAppetiteStatements).where(eq(riskAppetiteStatements.trustId, a.trust.id))).toHaveLength(1);
  });

  it("is set by none but the Chair, the secretary or an administrator; another trust's people get not found", async () => {
    const a = await boardWithSecretary();
    const b = await boardWithSecretary();
    const admin = await makeAdmin(t.db);
    expect(await code(setRiskAppetite(a.ce, a.trust.ods, appetite("open")))).toBe("forbidden");
    expect(await code(setRiskAppetite(a.ned1, a.trust.ods, appetite("open")))).toBe("forbidden");
    expect(await code(setRiskAppetite(b.chair, a.trust.ods, appetite("open")))).toBe("not_found");
    expect(await code(setRiskAppetite(b.sec, a.trust.ods, appetite("open")))).toBe("not_found");
    expect(await code(getRiskAppetite(b.chair, a.trust.ods))).toBe("not_found");
    expect(await code(listRiskAppetiteVersions(b.ce, a.trust.ods))).toBe("not_found");
    expect(await code(getRiskAppetite(a.icsLead, a.trust.ods))).toBe("not_found");
    expect(await setRiskAppetite(admin, a.trust.ods, appetite("open"))).toEqual({ version: 1 });
    expect(await t.db.select().from(riskAppetiteStatements).where(eq(riskAppetiteStatements.trustId, a.trust.id))).toHaveLength(1);
  });
});

describe("a decision's risks against the appetite", () => {
  it("flags a domain above the appetite, freezing the flag and the statement version into the version and its hash", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const d = await submittedWithRisk(a, "open");
    expect(d.outsideAppetite).toBe(true);
    const v = await getDecisionVersion(a.chair, d.id, 1);
    expect(v.content.riskAppetite).toEqual({
      statementVersion: 1,
      risks: [
        { domain: "finance", level: "open", reason: "We carry the hub's first-year deficit" },
        { domain: "partnerships_system", level: "open", reason: "Joint governance with two trusts" },
      ],
      outside: [{ domain: "finance", appetite: "cautious", taken: "open" }],
    });
    expect(hashVersionContent(v.content)).toBe(v.contentHash);
    // The statement version is part of what is hashed.
    expect(hashVersionContent({ ...v.content, riskAppetite: { ...v.content.riskAppetite!, statementVersion: 2 } })).not.toBe(v.contentHash);
    expect(outsideSentence(v.content.riskAppetite!.outside[0])).toBe("Outside the board's appetite for finance: cautious; this decision: open");
  });

  it("within appetite, with no statement, or with no risks recorded: not flagged; no risks leaves the content as before", async () => {
    const a = await boardWithSecretary();
    const none = await submittedWithRisk(a, "significant");
    expect(none.outsideAppetite).toBe(false);
    expect((await getDecisionVersion(a.ce, none.id, 1)).content.riskAppetite).toMatchObject({ statementVersion: null, outside: [] });
    await setRiskAppetite(a.sec, a.trust.ods, appetite("open"));
    expect((await submittedWithRisk(a, "open")).outsideAppetite).toBe(false);
    const plain = await createDecision(a.ce, decisionInput({ title: "No risks recorded" }));
    await submitDecision(a.ce, { id: plain.id, baseRevision: plain.revision });
    expect((await getDecisionVersion(a.ce, plain.id, 1)).content).not.toHaveProperty("riskAppetite");
  });

  it("is compared before submitting (Check before you submit), with the rule submit applies, for the submitter only", async () => {
    const a = await boardWithSecretary();
    const draft = await createDecision(
      a.ce,
      decisionInput({ title: "Draft hub", risks: [{ domain: "finance", level: "open", reason: "We carry the deficit" }] } as never),
    );
    expect(await previewAppetiteCheck(a.ce, draft.id)).toMatchObject({ statementVersion: null, outside: [] });
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const check = await previewAppetiteCheck(a.ce, draft.id);
    expect(check).toMatchObject({ statementVersion: 1, outside: [{ domain: "finance", appetite: "cautious", taken: "open" }] });
    expect(outsideSentence(check!.outside[0])).toBe("Outside the board's appetite for finance: cautious; this decision: open");
    // No risks recorded: nothing to say.
    const plain = await createDecision(a.ce, decisionInput({ title: "No risks" }));
    expect(await previewAppetiteCheck(a.ce, plain.id)).toBeNull();
    // Only whoever may submit it; another trust's Chief Executive gets not found.
    expect(await code(previewAppetiteCheck(a.chair, draft.id))).toBe("not_found");
    const other = await boardWithSecretary();
    expect(await code(previewAppetiteCheck(other.ce, draft.id))).toBe("not_found");
    // What submit freezes is what the check said.
    await submitDecision(a.ce, { id: draft.id, baseRevision: draft.revision });
    expect((await getDecisionVersion(a.ce, draft.id, 1)).content.riskAppetite?.outside).toEqual(check!.outside);
    expect(await code(previewAppetiteCheck(a.ce, draft.id))).toBe("not_found");
  });

  it("is compared again on amendment, with the statement then in force", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const d = await submittedWithRisk(a, "open");
    await setRiskAppetite(a.chair, a.trust.ods, { ...appetite("seek"), baseVersion: 1 });
    const v1 = await getDecisionVersion(a.ce, d.id, 1);
    const c = v1.content;
    await updateDecision(a.ce, {
      id: d.id,
      baseRevision: d.revision,
      ...decisionInput({ title: c.title, criteria: c.criteria.map((x) => ({ ...x })) as never }),
      summary: `${c.summary} Amended.`,
      risks: c.riskAppetite!.risks,
    } as never);
    const after = await row(d.id);
    expect(after.version).toBe(2);
    expect(after.outsideAppetite).toBe(false);
    const v2 = await getDecisionVersion(a.ce, d.id, 2);
    expect(v2.content.riskAppetite).toMatchObject({ statementVersion: 2, outside: [] });
    expect(hashVersionContent(v2.content)).toBe(v2.contentHash);
  });

  it("refuses a level without a reason, naming the field", async () => {
    const a = await boardWithSecretary();
    await expect(
      createDecision(a.ce, decisionInput({ risks: [{ domain: "workforce", level: "seek", reason: "" }] } as never)),
    ).rejects.toMatchObject({ code: "invalid", fieldErrors: { "risks.0.reason": "Enter the reason for the risk this decision takes in workforce" } });
  });
});

describe("the gate: outside appetite needs the Chair's support", () => {
  it("is not signed off without the Chair even when the trust's policy does not require the Chair", async () => {
    const a = await boardWithSecretary();
    await t.db.update((await import("@/db/schema")).organisations).set({ signOffMinSupport: 2, signOffChairRequired: false }).where(eq((await import("@/db/schema")).organisations.id, a.trust.id));
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const outside = await submittedWithRisk(a, "open");
    const within = await submittedWithRisk(a, "minimal");
    for (const d of [outside, within]) {
      await recordPosition(a.ned1, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
      await recordPosition(a.ned2, { decisionId: d.id, position: "support", forum: "public_board", version: 1 });
    }
    expect((await row(within.id)).status).toBe("signed_off");
    expect((await row(outside.id)).status).toBe("awaiting_sign_off");
    const panel = await getSignOffPanel(a.ce, outside.id);
    expect(panel.policy.chairRequired).toBe(true);
    expect(panel.chairRequiredBecause).toMatch(/outside the board's risk appetite/);
    const r = await recordPosition(a.chair, { decisionId: outside.id, position: "support", forum: "public_board", version: 1 });
    expect(r.signedOff).toBe(true);
    const [signed] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, outside.id), eq(auditEvents.action, "decision.signed_off")));
    expect(signed.after).toMatchObject({ outsideAppetite: true, policy: { chairRequired: true } });
  });
});

describe("register filters", () => {
  it("outside=1 and riskDomain= list the decisions outside appetite, in that domain, only for those who may read them", async () => {
    const a = await boardWithSecretary();
    const b = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const outside = await submittedWithRisk(a, "open");
    const within = await submittedWithRisk(a, "minimal");
    const ids = async (f: Record<string, string>) => (await listRegister(a.ned1, { trust: a.trust.ods, ...f })).rows.map((r) => r.id).sort();
    expect(await ids({ outside: "1" })).toEqual([outside.id]);
    expect(await ids({ outside: "1", riskDomain: "finance" })).toEqual([outside.id]);
    expect(await ids({ outside: "1", riskDomain: "partnerships_system" })).toEqual([]);
    expect(await ids({ riskDomain: "finance" })).toEqual([outside.id, within.id].sort());
    expect(await code(listRegister(b.ned1, { trust: a.trust.ods, outside: "1" }))).toBe("not_found");
    expect((await listRegister(b.ned1, { outside: "1" })).rows.map((r) => r.id)).not.toContain(outside.id);
  });
});

describe("the words: board paper and the pack's cover sheet", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "fulcrum-risk-"));
  const pdfText = (pdf: Buffer) => {
    const f = path.join(dir, `${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(f, pdf);
    return execFileSync("pdftotext", [f, "-"]).toString().replace(/\s+/g, " ");
  };
  it("say which domain is outside the appetite, at what level, and that the Chair must support", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const d = await submittedWithRisk(a, "open");
    const sentence = "Outside the board's appetite for finance: cautious; this decision: open";
    const paper = await buildBoardPaper(a.ned1, d.id);
    expect(paper.riskAppetite?.outside).toEqual([{ domain: "finance", appetite: "cautious", taken: "open" }]);
    expect(pdfText(await renderBoardPaperPdf(paper))).toContain(sentence);
    const m = await createMeeting(a.sec, { date: "2026-12-03", time: "10:00", kind: "private_board", location: "Boardroom" });
    await addAgendaItem(a.sec, m.id, { decisionId: d.id });
    await issuePack(a.sec, m.id);
    const text = pdfText((await buildBoardPack(a.chair, m.id)).pdf);
    expect(text.split(sentence).length - 1).toBeGreaterThanOrEqual(2); // cover sheet and paper
    expect(text).toContain("needs the Chair's support to be signed off");
  });
});

describe("the words: the meeting page's cover sheet", () => {
  it("says which domain is outside the appetite for the version in the pack, and nothing for a decision within it; not for another trust", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const outside = await submittedWithRisk(a, "open");
    const within = await submittedWithRisk(a, "cautious");
    const m = await createMeeting(a.sec, { date: "2026-12-03", time: "10:00", kind: "private_board" });
    await addAgendaItem(a.sec, m.id, { decisionId: outside.id });
    await addAgendaItem(a.sec, m.id, { decisionId: within.id });
    const flagged = async () => Object.fromEntries((await getMeeting(a.chair, m.id)).items.map((i) => [i.decision!.id, i.decision!.outsideAppetite]));
    expect(await flagged()).toEqual({ [outside.id]: [{ domain: "finance", appetite: "cautious", taken: "open" }], [within.id]: [] });
    expect(outsideSentence((await flagged())[outside.id][0])).toBe("Outside the board's appetite for finance: cautious; this decision: open");
    expect(OUTSIDE_APPETITE_GATE).toBe(riskLines({ statementVersion: 1, risks: [], outside: [{ domain: "finance", appetite: "cautious", taken: "open" }] }, true).gate);
    // Once the pack is issued it is the pack's version that the cover sheet speaks for.
    await issuePack(a.sec, m.id);
    expect((await flagged())[outside.id]).toHaveLength(1);
    const other = await boardWithSecretary();
    expect(await code(getMeeting(other.sec, m.id))).toBe("not_found");
  });
});

describe("dashboards: decisions outside appetite", () => {
  it("count by domain and side in the trust and ICS views, and nationally with suppression, never another trust's", async () => {
    const ics = await makeIcs(t.db);
    const a = await boardWithSecretary({ icsId: ics.id });
    const b = await boardWithSecretary({ icsId: ics.id });
    const c = await boardWithSecretary({ icsId: ics.id });
    for (const x of [a, b, c]) await setRiskAppetite(x.sec, x.trust.ods, appetite("cautious"));
    await submittedWithRisk(a, "open", "system");
    await submittedWithRisk(a, "seek", "system");
    await submittedWithRisk(a, "minimal", "trust");
    await submittedWithRisk(a, "open", "trust");
    await submittedWithRisk(b, "significant", "system");
    await submittedWithRisk(c, "averse", "trust");

    const trust = await getRiskAppetitePanel(a.ned1, { kind: "trust", ods: a.trust.ods }, {});
    expect(trust.recorded).toEqual({ system: 2, trust: 2, total: 4 });
    expect(trust.outside).toEqual({ system: 2, trust: 1, total: 3 });
    expect(trust.domains.find((r) => r.domain === "finance")?.outside).toEqual({ system: 2, trust: 1, total: 3 });
    expect(trust.domains.find((r) => r.domain === "partnerships_system")?.outside).toEqual({ system: 0, trust: 0, total: 0 });
    expect(trust.domains.map((r) => r.domain)).toEqual(["finance", "quality_safety", "compliance_regulatory", "reputation", "workforce", "partnerships_system"]);
    // The register behind a count lists the same decisions.
    expect((await listRegister(a.ned1, { trust: a.trust.ods, outside: "1", riskDomain: "finance", favoured: "system" })).total).toBe(2);

    const icsLead = await makeUser(t.db, [{ organisationId: ics.id, role: "ics_lead" }]);
    const icsPanel = await getRiskAppetitePanel(icsLead, { kind: "ics", ods: ics.ods }, {});
    expect(icsPanel.outside).toEqual({ system: 3, trust: 1, total: 4 });
    expect(icsPanel.recorded.total).toBe(6);

    const national = await makeNational(t.db);
    const analyst = await makeUser(t.db, [{ organisationId: national.id, role: "national_analyst" }]);
    const n = await getRiskAppetitePanel(analyst, { kind: "national" }, { ics: ics.ods });
    expect(n.tooFewTrusts).toBeUndefined();
    // 3 system, 1 trust (suppressed), so the total is hidden too: 4 - 3 would give it away.
    expect(n.outside).toEqual({ system: 3, trust: { suppressed: true }, total: { suppressed: true, secondary: true } });
    expect(n.recorded).toEqual({ system: 3, trust: 3, total: 6 });
    expect(n.domains.find((r) => r.domain === "partnerships_system")?.outside).toEqual({ system: 0, trust: 0, total: 0 });
    // Fewer than 3 trusts in view: no figures at all.
    expect((await getRiskAppetitePanel(analyst, { kind: "national" }, { ics: ics.ods, trustType: "ambulance" })).tooFewTrusts).toBe(true);
    // Another trust's board cannot open this trust's view.
    expect(await code(getRiskAppetitePanel(b.ned1, { kind: "trust", ods: a.trust.ods }, {}))).toBe("not_found");
  });
});

describe("API and export carry the risks and the outside flag", () => {
  process.env.FULCRUM_API_RATE_LIMIT = "10000";
  const req = (path: string, init: RequestInit & { token: string; json?: unknown }) => {
    const headers = new Headers({ authorization: `Bearer ${init.token}` });
    if (init.json !== undefined) headers.set("content-type", "application/json");
    return new Request(`http://fulcrum.test${path}`, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined });
  };
  const ctx = (id: string) => ({ params: Promise.resolve({ id }) });

  it("records risks through the API, answers outsideAppetite with the domains, filters outside=1, exports the columns", async () => {
    const a = await boardWithSecretary();
    await setRiskAppetite(a.sec, a.trust.ods, appetite("cautious"));
    const token = (await createApiToken(a.ce, { name: "risk", scope: "write" })).token;
    const body = { ...decisionInput({ title: "Underwrite the hub via the API" }), trust: a.trust.ods, risks: [{ domain: "finance", level: "seek", reason: "First-year deficit" }] };
    delete (body as Record<string, unknown>).organisations;
    const created = await createDecisionRoute(req("/api/v1/decisions", { method: "POST", token, json: body }));
    expect(created.status).toBe(201);
    const d = await created.json();
    expect(d).toMatchObject({ risks: [{ domain: "finance", level: "seek", reason: "First-year deficit" }], outsideAppetite: false, riskAppetite: null });
    // A PATCH without risks keeps them.
    const patched = await patchDecisionRoute(req(`/api/v1/decisions/${d.id}`, { method: "PATCH", token, json: { summary: "Changed.", baseVersion: d.revision } }), ctx(d.id));
    expect(patched.status).toBe(200);
    const p = await patched.json();
    expect(p.risks).toHaveLength(1);
    const submitted = await submitDecisionRoute(req(`/api/v1/decisions/${d.id}/submit`, { method: "POST", token, json: { baseVersion: p.revision } }), ctx(d.id));
    const s = await submitted.json();
    expect(s).toMatchObject({ outsideAppetite: true, riskAppetite: { statementVersion: 1, outside: [{ domain: "finance", appetite: "cautious", taken: "seek" }] } });
    const bad = await createDecisionRoute(req("/api/v1/decisions", { method: "POST", token, json: { ...body, risks: [{ domain: "finance", level: "reckless", reason: "x" }] } }));
    expect(bad.status).toBe(400);

    const list = await listDecisionsRoute(req(`/api/v1/decisions?trust=${a.trust.ods}&outside=1&riskDomain=finance`, { token }));
    expect((await list.json()).data.map((x: { id: string }) => x.id)).toEqual([d.id]);

    const rows = await listRegisterExportRows(a.ned1, { trust: a.trust.ods });
    expect(rows.find((r) => r.id === d.id)).toMatchObject({ risks: "finance:seek", outsideAppetite: true, outsideDomains: "finance:cautious<seek", appetiteVersion: 1 });
  });
});
