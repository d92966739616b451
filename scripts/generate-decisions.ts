// Generates realistic synthetic decisions for load tests, benchmarks and looking at the dashboards
// with volume. Writes into the configured database (DATABASE_URL, else the PGlite folder
// FULCRUM_DATA_DIR or ./data), after the demo people (seedDemoPeople) if they are missing.
//
//   node --conditions=react-server --import tsx scripts/generate-decisions.ts --count 100000 [--seed N]
//   … generate-decisions.ts --shape england [--count N]   (42 ICSs, 210 trusts, 10 years; ./england-shape.ts)
//
// Default shape: the demo's 10 trusts over 3 years. England shape: 210 trusts with England's mix of
// types over 10 years, at 25 decisions per Chief Executive a year (about 52,500) unless --count says.
//
// Every decision belongs to a demo trust and its Chief Executive, with a frozen version 1 (content
// and SHA-256 as submit writes it), factors, the organisations it helps or costs, success criteria,
// outcomes where their date has passed, and board positions. Summaries and rationales come from
// phrase banks, so the word pairs of the study ("mental health", "social care") emerge.
// Rows go in with multi-row inserts, one transaction per batch of 1,000 decisions, and each batch
// records one audit event ("generate.decisions") in the same transaction, so the chain stays intact.
// On PostgreSQL two batches are in flight at once (the next is built while one commits).
// The kept dashboard aggregates follow each batch in its transaction, like any write. `--bulk` (for a
// million decisions) defers them instead: each batch runs `SET LOCAL fulcrum.aggregates = 'deferred'`
// (migration *_g16c_bulk_load_sql) so its triggers mark nothing, and one last transaction recounts every
// aggregate from the base tables (aggregate_rebuild()), with its own audit event. Until then the
// dashboards miss the new batches; a load that stops half-way says to run `npm run aggregates:rebuild`.
import { eq, getTableColumns, getTableName, inArray, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { randomUUID } from "node:crypto";
import { openConfiguredDatabase, type Tx } from "@/db/client";
import {
  criterionOutcomes,
  decisionFactors,
  decisionOrganisations,
  decisions,
  decisionVersions,
  memberships,
  organisations,
  positions,
  successCriteria,
  users,
} from "@/db/schema";
import { ROLE } from "@/lib/access";
import { recordAudit } from "@/lib/audit";
import { rebuildAggregates } from "@/lib/dashboards/aggregates";
import { extractWordPairs } from "@/lib/dashboards/word-pairs-store";
import { hashVersionContent, type VersionContent } from "@/lib/decisions/content";
import { DEMO_ICSS } from "@/lib/demo/organisations";
import { seedDemoPeople } from "@/lib/demo/seed";
import { ENGLAND_TRUSTS, isEnglandShapeOds, seedEnglandShape } from "./england-shape";

// ---------------------------------------------------------------- arguments

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`--${name} needs a whole number`);
    process.exit(2);
  }
  return v;
}
const ENGLAND = (() => {
  const i = process.argv.indexOf("--shape");
  if (i < 0) return false;
  if (process.argv[i + 1] !== "england") {
    console.error("--shape takes one value: england");
    process.exit(2);
  }
  return true;
})();
/** England shape: 10 years at 25 decisions per Chief Executive a year (20–30 in the issue). */
const YEARS = ENGLAND ? 10 : 3;
const COUNT = arg("count", ENGLAND ? ENGLAND_TRUSTS * YEARS * 25 : 1000);
const SEED = arg("seed", 1);
const BATCH = 1000;
const PROFILE = process.argv.includes("--profile");
const BULK = process.argv.includes("--bulk");
const timings: Record<string, number> = {};

// ---------------------------------------------------------------- seeded randomness

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED * 7919 + 17);
const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
function weighted<T>(pairs: readonly (readonly [T, number])[]): T {
  const total = pairs.reduce((s, [, w]) => s + w, 0);
  let r = rand() * total;
  for (const [v, w] of pairs) {
    r -= w;
    if (r <= 0) return v;
  }
  return pairs[pairs.length - 1][0];
}
function sample<T>(xs: readonly T[], n: number): T[] {
  const copy = [...xs];
  const out: T[] = [];
  while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rand() * copy.length), 1)[0]);
  return out;
}

// ---------------------------------------------------------------- phrase banks

const SERVICES = [
  ["mental health crisis beds", 9], ["mental health liaison", 7], ["community mental health teams", 6],
  ["social care discharge support", 8], ["adult social care placements", 5], ["elective recovery lists", 6],
  ["urgent care centre", 5], ["virtual wards", 4], ["stroke services", 3], ["diagnostic capacity", 4],
  ["paediatric services", 3], ["maternity services", 3], ["cancer pathways", 3], ["primary care hubs", 3],
  ["specialist cardiac surgery", 2], ["community nursing", 3], ["patient transport", 2], ["pathology network", 2],
] as const;
const PARTNERS = ["system partners", "the local authority", "neighbouring trusts", "primary care networks", "the ICS board", "the provider collaborative", "social care partners", "the mental health trust"];

const TITLES_SYSTEM = [
  "Transfer {svc} to a neighbouring trust",
  "Fund {svc} across the system",
  "Share staff for {svc}",
  "Host {svc} on behalf of the system",
  "Joint business case for {svc}",
  "Accept risk share on {svc}",
  "Release capital for {svc} elsewhere in the system",
];
const TITLES_TRUST = [
  "Pause system expansion of {svc}",
  "Decline system request on {svc}",
  "Reprioritise capital towards our own {svc}",
  "Retain {svc} in house",
  "Keep {svc} funding within the trust",
];

const SUMMARY_SYSTEM = [
  "We agreed to move {svc} so that patients across the system are seen sooner, at a cost to our own budget.",
  "The trust will support {svc} run by {partner}, accepting a longer wait for some of our own patients.",
  "Mental health and social care pressures in the system meant we released beds to {partner}.",
  "We committed funding to {svc} because social care delays were holding up discharge across the system.",
  "To help elective recovery in the system we took on extra activity for {svc} without full payment.",
];
const SUMMARY_TRUST = [
  "We declined to take on {svc} because it would put our regulatory standing at risk.",
  "The trust kept {svc} in house to protect financial stability this year.",
  "We prioritised our own waiting lists for {svc} ahead of a system request.",
  "Given our deficit position we did not join the system proposal for {svc}.",
];
const RATIONALE = [
  "Mental health demand keeps rising and social care capacity is short, so patient flow depends on it.",
  "Discharge delays fell when social care partners had funded packages in place.",
  "Community services can absorb the activity if mental health liaison is shared.",
  "Primary care networks asked for the change to cut emergency admissions.",
  "Our deficit is large, but the system saving is larger and lasts longer.",
  "Patients travel further under this plan, which the board accepted for better outcomes.",
  "Virtual wards reduce bed days and help urgent care at the front door.",
  "The board weighed financial stability against population outcomes and accepted the risk.",
  "Relationships with {partner} matter: they supported us last winter with urgent care.",
  "Social care partners could not absorb the discharges, so mental health patients waited in acute beds.",
  "Elective recovery across the system matters more than our own position this quarter.",
  "Workforce shortages in community services made shared rotas the only safe option.",
  "Our regulator rating would suffer if urgent care performance fell further.",
  "Economies of scale in the pathology network outweigh the short term cost to the trust.",
  "Prevention and root causes: investing in mental health support now reduces crisis admissions later.",
  "The contracting and payment mechanisms do not reward this, but health inequalities in the area demand it.",
  "Waiting lists for elective care are long, and social care delays make them longer.",
  "The risk appetite of the board allowed a modest deficit for a clear system benefit.",
];
const OPTIONS = [
  "Option one: do nothing. Option two: a shared service. Option three: transfer in full.",
  "We considered a phased transfer, a joint venture and declining the request.",
  "Alternatives were a time-limited loan of staff or a full service transfer.",
];
const CRITERIA = [
  ["Median wait for {svc} falls", "Median wait in weeks", "18 weeks", "12 weeks"],
  ["Delayed discharges reduce", "Patients medically fit awaiting discharge", "85 a day", "60 a day"],
  ["Financial impact stays within plan", "Variance against plan", "£0", "under £500k"],
  ["Mental health out-of-area placements fall", "Placements a month", "24", "10"],
  ["Staff vacancies in the service fall", "Vacancy rate", "14%", "9%"],
] as const;

const fill = (s: string, svc: string, partner: string) => s.replaceAll("{svc}", svc).replaceAll("{partner}", partner);
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

// ---------------------------------------------------------------- shapes per trust

/** Chance a trust's decision favours the trust. Two CEs never do, as half the study's could name none. */
const TRUST_LEAN: Record<string, number> = { RNA: 0.35, RNB: 0.2, RNC: 0, RND: 0.45, RNE: 0.3, RSA: 0.4, RSB: 0.15, RSC: 0, RSD: 0.5, RSE: 0.25 };
const CATEGORY_WEIGHTS = [["service", 30], ["finance", 20], ["capacity", 18], ["workforce", 12], ["contracting", 8], ["estates", 6], ["governance", 6]] as const;
const FACTOR_WEIGHTS = [
  ["population_outcomes", 24], ["financial_stability", 22], ["relationships_reciprocity", 18], ["local_context_demand", 14],
  ["regulatory_standing", 12], ["workforce", 12], ["economies_of_scale", 6], ["prevention_root_causes", 6],
  ["board_risk_appetite", 8], ["contracting_payment", 6],
] as const;
const OUTCOME_WEIGHTS = {
  system: [["met", 50], ["partly_met", 28], ["not_met", 16], ["unknown", 6]],
  trust: [["met", 62], ["partly_met", 22], ["not_met", 12], ["unknown", 4]],
} as const;

const DAY = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

type Person = { id: string; seat: "chair" | "non_executive" | "executive" };
type TrustInfo = { id: string; ods: string; name: string; icsOds: string; ceId: string; board: Person[] };

async function main() {
  const opened = await openConfiguredDatabase();
  const { db } = opened;
  const started = Date.now();
  try {
    await seedDemoPeople(db);
    const demoOds = DEMO_ICSS.flatMap((i) => i.trusts.map((t) => t.ods));
    if (ENGLAND) {
      const added = await seedEnglandShape(db, rand);
      if (added.trusts) console.log(`England shape: added ${added.icss} ICSs and ${added.trusts} trusts with their boards.`);
    }
    const orgRows = ENGLAND
      ? (await db.select().from(organisations).where(eq(organisations.kind, "trust"))).filter((o) => isEnglandShapeOds(o.ods))
      : await db.select().from(organisations).where(inArray(organisations.ods, demoOds));
    // Trusts beyond the demo's lean to the trust side by a seeded share; about one in five never does.
    for (const o of orgRows) if (!(o.ods in TRUST_LEAN)) TRUST_LEAN[o.ods] = rand() < 0.2 ? 0 : Math.round(rand() * 50) / 100;
    const icsById = new Map((await db.select().from(organisations).where(eq(organisations.kind, "ics"))).map((o) => [o.id, o.ods]));
    const people = await db
      .select({ userId: memberships.userId, organisationId: memberships.organisationId, role: memberships.role, seat: memberships.seat, email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(inArray(memberships.organisationId, orgRows.map((o) => o.id)));
    const trusts: TrustInfo[] = orgRows.map((o) => ({
      id: o.id,
      ods: o.ods,
      name: o.name,
      icsOds: icsById.get(o.icsId!) ?? "",
      ceId: people.find((p) => p.organisationId === o.id && p.role === ROLE.chiefExecutive)!.userId,
      board: people.filter((p) => p.organisationId === o.id && p.role === ROLE.boardMember).map((p) => ({ id: p.userId, seat: p.seat! })),
    }));
    const trustWeights = trusts.map((t) => [t, orgRows.find((o) => o.id === t.id)!.turnoverM ?? 300] as const);

    const now = Date.now();
    const earliest = now - YEARS * 365 * DAY;
    let written = 0;
    let queued = 0;
    const inFlight = new Set<Promise<void>>();
    const parallel = opened.engine === "postgres" ? 2 : 1;
    const writeBatch = async (batch: number, n: number, rows: ReturnType<typeof buildBatch>) => {
      let t = performance.now();
      const lap = (what: string) => {
        if (PROFILE) timings[what] = (timings[what] ?? 0) + performance.now() - t;
        t = performance.now();
      };
      await db.transaction(async (tx) => {
        if (BULK) await tx.execute(sql`set local fulcrum.aggregates = 'deferred'`);
        await insertChunked(tx, decisions, rows.decisions);
        lap("decisions");
        await insertChunked(tx, decisionVersions, rows.versions);
        lap("versions");
        await insertChunked(tx, decisionFactors, rows.factors);
        await insertChunked(tx, decisionOrganisations, rows.orgs);
        lap("factors+orgs");
        await insertChunked(tx, successCriteria, rows.criteria);
        await insertChunked(tx, criterionOutcomes, rows.outcomes);
        lap("criteria+outcomes");
        await insertChunked(tx, positions, rows.positions);
        lap("positions");
        // Word pairs are extracted in the batch's transaction even in --bulk (the queue's trigger always runs).
        await extractWordPairs(tx, rows.decisions.filter((d) => (d.version ?? 0) > 0).map((d) => d.id!));
        lap("word pairs");
        await recordAudit(tx, null, {
          organisationId: null,
          action: "generate.decisions",
          entityType: "decision",
          after: { batch, seed: SEED, decisions: n, bulk: BULK, firstId: rows.decisions[0].id, lastId: rows.decisions[n - 1].id },
        });
      });
      written += n;
      if (Math.floor(written / BATCH) % 10 === 0 || written === COUNT) {
        console.log(`${written.toLocaleString("en-GB")} decisions written (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      }
    };
    try {
      for (let batch = 0; queued < COUNT; batch++) {
        const n = Math.min(BATCH, COUNT - queued);
        const t = performance.now();
        const rows = buildBatch(n, trusts, trustWeights, earliest, now);
        if (PROFILE) timings.build = (timings.build ?? 0) + performance.now() - t;
        queued += n;
        const p: Promise<void> = writeBatch(batch, n, rows).finally(() => inFlight.delete(p));
        inFlight.add(p);
        if (inFlight.size >= parallel) await Promise.race(inFlight);
      }
      await Promise.all(inFlight);
    } catch (e) {
      await Promise.allSettled(inFlight);
      if (BULK && written) console.error(`Stopped after ${written} decisions; their dashboard figures are not counted yet: run npm run aggregates:rebuild.`);
      throw e;
    }
    if (BULK) {
      // The recount reads every decision with its criteria, outcomes, factors and links: with no
      // statistics yet (a fresh database; autovacuum may be off or behind) the planner picked plans that
      // took over 20 minutes at 1,000,000 decisions, against 90 s once analysed.
      const ta = Date.now();
      await opened.exec("analyze");
      console.log(`Analysed the tables in ${((Date.now() - ta) / 1000).toFixed(1)} s.`);
      const t = Date.now();
      const recount = db.transaction(async (tx) => {
        const r = await rebuildAggregates(tx, { compact: true });
        await recordAudit(tx, null, {
          organisationId: null,
          action: "aggregates.rebuild",
          entityType: "decision",
          after: { decisions: r.decisions, counts: r.counts, after: "generate.decisions --bulk" },
        });
      });
      await recount.catch((e) => {
        console.error(`The ${written} decisions are written but their dashboard figures are not counted: run npm run aggregates:rebuild.`);
        throw e;
      });
      console.log(`Recounted the dashboard aggregates in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
    }
    // Fresh statistics for the planner. PostgreSQL's autovacuum would get there eventually; PGlite
    // has none, and without them the dashboard queries pick nested loops over 100,000 rows.
    const t = Date.now();
    await opened.exec("analyze");
    console.log(`Analysed the tables in ${((Date.now() - t) / 1000).toFixed(1)} s.`);
    if (PROFILE) console.log(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])));
    console.log(`Done: ${COUNT.toLocaleString("en-GB")} decisions in ${((Date.now() - started) / 1000).toFixed(1)} s (${opened.engine}).`);
  } finally {
    await opened.close();
  }
}

// One statement per table and batch, with the rows as a single JSON parameter expanded by
// json_populate_recordset: far cheaper than tens of thousands of bound parameters (PGlite binds
// each one separately), identical on both engines, and columns left out keep their defaults.
async function insertChunked<T extends Record<string, unknown>>(tx: Tx, table: PgTable, values: T[]) {
  if (!values.length) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(values[0]);
  const names = keys.map((k) => columns[k].name);
  const json = JSON.stringify(values.map((v) => Object.fromEntries(keys.map((k, i) => [names[i], v[k] ?? null]))));
  const tableName = sql.identifier(getTableName(table));
  const cols = sql.join(names.map((n) => sql.identifier(n)), sql`, `);
  await tx.execute(sql`insert into ${tableName} (${cols}) select ${cols} from json_populate_recordset(null::${tableName}, ${json}::json)`);
}

function buildBatch(n: number, trusts: TrustInfo[], trustWeights: (readonly [TrustInfo, number])[], earliest: number, now: number) {
  const out = {
    decisions: [] as (typeof decisions.$inferInsert & { id: string })[],
    versions: [] as (typeof decisionVersions.$inferInsert)[],
    factors: [] as (typeof decisionFactors.$inferInsert)[],
    orgs: [] as (typeof decisionOrganisations.$inferInsert)[],
    criteria: [] as (typeof successCriteria.$inferInsert)[],
    outcomes: [] as (typeof criterionOutcomes.$inferInsert)[],
    positions: [] as (typeof positions.$inferInsert)[],
  };
  for (let i = 0; i < n; i++) {
    const trust = weighted(trustWeights);
    const id = randomUUID();
    const favoured: "system" | "trust" = rand() < TRUST_LEAN[trust.ods] ? "trust" : "system";
    const category = weighted(CATEGORY_WEIGHTS);
    const svc = weighted(SERVICES);
    const partner = pick(PARTNERS);
    const decidedAt = earliest + Math.floor(rand() * (now - earliest));
    const ageDays = (now - decidedAt) / DAY;
    const status = weighted<"draft" | "awaiting_sign_off" | "signed_off" | "declined" | "reviewed" | "withdrawn">(
      ageDays < 45
        ? [["draft", 15], ["awaiting_sign_off", 45], ["signed_off", 35], ["withdrawn", 5]]
        : ageDays < 270
          ? [["draft", 2], ["awaiting_sign_off", 3], ["signed_off", 80], ["declined", 6], ["withdrawn", 5], ["reviewed", 4]]
          : [["draft", 1], ["signed_off", 35], ["declined", 5], ["withdrawn", 5], ["reviewed", 54]],
    );
    const submitted = status !== "draft";
    const submittedAt = decidedAt - int(3, 20) * DAY - int(0, 8) * 3_600_000;
    const signed = status === "signed_off" || status === "reviewed";
    const signedOffAt = signed ? submittedAt + Math.round((2 + Math.pow(rand(), 2) * 50) * DAY) : null;
    const otherTrusts = trusts.filter((t) => t.icsOds === trust.icsOds && t.id !== trust.id);
    const title = capitalise(fill(pick(favoured === "system" ? TITLES_SYSTEM : TITLES_TRUST), svc, partner));
    const summary = `${fill(pick(favoured === "system" ? SUMMARY_SYSTEM : SUMMARY_TRUST), svc, partner)} ${fill(pick(RATIONALE), svc, partner)}`;
    const rationale = sample(RATIONALE, int(2, 4)).map((s) => fill(s, svc, partner)).join(" ");
    const factorList = [...new Set(Array.from({ length: int(1, 4) }, () => weighted(FACTOR_WEIGHTS)))];
    const impactTrustK = favoured === "system" ? -int(1, 40) * 50 : int(1, 30) * 50;
    const impactSystemK = favoured === "system" ? int(1, 60) * 50 : -int(0, 20) * 50;
    const orgLinks: { org: TrustInfo; role: "benefits" | "bears_cost"; amountK: number }[] = [];
    if (favoured === "system") {
      for (const o of sample(otherTrusts, int(1, 2))) orgLinks.push({ org: o, role: "benefits", amountK: int(1, 40) * 25 });
      orgLinks.push({ org: trust, role: "bears_cost", amountK: -impactTrustK });
    } else {
      orgLinks.push({ org: trust, role: "benefits", amountK: impactTrustK });
      if (rand() < 0.5) orgLinks.push({ org: pick(otherTrusts), role: "bears_cost", amountK: int(1, 20) * 25 });
    }
    const criteria = Array.from({ length: int(1, 3) }, (_, ordinal) => {
      const [statement, measure, baseline, target] = pick(CRITERIA);
      return {
        id: randomUUID(),
        ordinal,
        statement: fill(statement, svc, partner),
        measure,
        baseline,
        target,
        judgedBy: isoDay(decidedAt + int(120, 540) * DAY),
      };
    });
    const visibility = rand() < 0.7 ? ("system" as const) : ("trust" as const);
    const content: VersionContent = {
      schema: "fulcrum.decision-version/1",
      decisionId: id,
      version: 1,
      trust: { ods: trust.ods, name: trust.name },
      title,
      summary,
      context: {
        financialPosition: weighted([["surplus", 2], ["breakeven", 3], ["deficit", 5]] as const),
        financialAmountM: int(-30, 10),
        regulatorRating: pick(["CQC: Good", "CQC: Requires improvement", "CQC: Outstanding", "NOF segment 3"]),
        notes: "",
      },
      options: pick(OPTIONS),
      rationale,
      favoured,
      category,
      factors: factorList,
      impactOnTrust: { amountK: impactTrustK, text: impactTrustK < 0 ? "Cost absorbed this year" : "Protects the trust's plan" },
      impactOnSystem: { amountK: impactSystemK, text: impactSystemK > 0 ? "Shorter waits across the system" : "Delays a system scheme" },
      organisations: orgLinks.map((l) => ({ ods: l.org.ods, name: l.org.name, role: l.role, amountK: l.amountK })),
      decidedOn: isoDay(decidedAt),
      visibility,
      criteria: criteria.map((c) => ({ ...c })),
    };
    const hash = submitted ? hashVersionContent(content) : null;
    out.decisions.push({
      id,
      trustId: trust.id,
      authorId: trust.ceId,
      title,
      summary,
      contextFinancialPosition: content.context.financialPosition,
      contextFinancialAmountM: content.context.financialAmountM,
      contextRegulatorRating: content.context.regulatorRating,
      contextNotes: "",
      options: content.options,
      rationale,
      favoured,
      category,
      impactTrustK,
      impactTrustText: content.impactOnTrust.text,
      impactSystemK,
      impactSystemText: content.impactOnSystem.text,
      decidedOn: content.decidedOn,
      visibility,
      status,
      version: submitted ? 1 : 0,
      revision: submitted ? 2 : 1,
      contentHash: hash,
      submittedAt: submitted ? new Date(submittedAt) : null,
      signedOffAt: signedOffAt ? new Date(signedOffAt) : null,
      declinedAt: status === "declined" ? new Date(submittedAt + int(5, 30) * DAY) : null,
      declineReason: status === "declined" ? "The Chair declined: the risk to the trust was not quantified." : null,
      withdrawnAt: status === "withdrawn" ? new Date(submittedAt + int(1, 20) * DAY) : null,
      withdrawReason: status === "withdrawn" ? "Superseded by a system-wide proposal." : null,
      reviewedAt: null,
      createdAt: new Date(submittedAt - int(1, 10) * DAY),
      updatedAt: new Date(signedOffAt ?? submittedAt),
    });
    if (submitted) out.versions.push({ decisionId: id, version: 1, content, contentHash: hash!, createdById: trust.ceId, createdAt: new Date(submittedAt) });
    for (const factor of factorList) out.factors.push({ decisionId: id, factor });
    for (const l of orgLinks) out.orgs.push({ decisionId: id, organisationId: l.org.id, role: l.role, amountK: l.amountK });
    let lastAssessed = 0;
    for (const c of criteria) {
      out.criteria.push({ ...c, decisionId: id, createdAt: new Date(submittedAt - DAY) });
      const judged = Date.parse(`${c.judgedBy}T12:00:00Z`);
      const assess = status === "reviewed" || (status === "signed_off" && judged < now && rand() < 0.55);
      if (assess) {
        const at = Math.min(now - DAY, judged + int(1, 40) * DAY);
        lastAssessed = Math.max(lastAssessed, at);
        out.outcomes.push({
          criterionId: c.id,
          decisionId: id,
          outcome: weighted(OUTCOME_WEIGHTS[favoured]),
          evidence: "Board performance report",
          assessedOn: isoDay(at),
          assessedById: trust.ceId,
          createdAt: new Date(at),
        });
      }
    }
    if (status === "reviewed") out.decisions[out.decisions.length - 1].reviewedAt = new Date(lastAssessed || now - DAY);
    if (submitted && status !== "withdrawn" && hash) {
      const voters = status === "awaiting_sign_off" ? sample(trust.board, int(0, 2)) : trust.board;
      for (const m of voters) {
        const position = status === "declined" ? (m.seat === "chair" ? "object" : weighted([["support", 1], ["object", 2], ["abstain", 1]] as const)) : "support";
        out.positions.push({
          decisionId: id,
          decisionVersion: 1,
          contentHash: hash,
          memberId: m.id,
          seat: m.seat,
          position,
          comment: "",
          forum: weighted([["public_board", 5], ["private_session", 3], ["chairs_action", 1]] as const),
          createdAt: new Date(submittedAt + int(1, 5) * DAY),
        });
      }
    }
  }
  return out;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
