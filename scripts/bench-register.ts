// Times the register with 10,000 decisions in one trust, in a fresh in-memory PGlite:
//   node --conditions=react-server --import tsx scripts/bench-register.ts [count]
// Decisions are generated in SQL (generate_series), then listRegister is run several times per query
// and the median reported.
import { performance } from "node:perf_hooks";
import { sql } from "drizzle-orm";
import { openPglite, setDbForProcess } from "../db/client";
import { listRegister } from "../lib/decisions/register";
import type { RegisterFiltersInput } from "../lib/decisions/register-filters";
import { makeTrustWithBoard } from "../tests/support/factories";

const COUNT = Number(process.argv[2] ?? 10_000);
const RUNS = 7;

async function main() {
  const t0 = performance.now();
  const opened = await openPglite();
  setDbForProcess(opened.db);
  const db = opened.db;
  const a = await makeTrustWithBoard(db);
  await db.execute(sql`
    insert into decisions (trust_id, author_id, title, summary, rationale, favoured, category, decided_on, visibility, status, version, content_hash, submitted_at)
    select ${a.trust.id}, ${a.ce.userId},
      'Decision ' || g || case when g % 10 = 0 then ' on mental health beds' else ' on theatre capacity' end,
      'Summary of decision ' || g || ' about ' || (array['social care','elective recovery','community services','workforce'])[1 + g % 4],
      'Rationale ' || g || ': we weighed the system against the trust, ' || (array['reciprocity','finance','outcomes'])[1 + g % 3],
      (array['system','trust'])[1 + g % 2]::favoured,
      (array['finance','service','contracting','workforce','estates','capacity','governance'])[1 + g % 7]::category,
      date '2020-01-01' + (g % 2400),
      (array['trust','system'])[1 + g % 2]::visibility,
      (array['awaiting_sign_off','signed_off','declined','reviewed','withdrawn'])[1 + g % 5]::decision_status,
      1, md5(g::text), now()
    from generate_series(1, ${COUNT}) g`);
  await db.execute(sql`
    insert into decision_factors (decision_id, factor)
    select id, (array['population_outcomes','financial_stability','workforce','relationships_reciprocity'])[1 + (abs(hashtext(id::text)) % 4)]::factor
    from decisions where trust_id = ${a.trust.id}`);
  await db.execute(sql`analyze`);
  const setup = performance.now() - t0;

  const cases: [string, typeof a.ce, RegisterFiltersInput][] = [
    ["CE, first page, newest first", a.ce, {}],
    ["board member, page 200", a.chair, { page: 200 }],
    ["CE, favoured system + two statuses + category", a.ce, { favoured: "system", status: ["signed_off", "reviewed"], category: "finance" }],
    ["CE, date range + factor", a.ce, { from: "2022-01-01", to: "2023-12-31", factor: "workforce" }],
    ["CE, full text 'mental health', best match", a.ce, { q: "mental health" }],
    ["CE, sorted by title", a.ce, { sort: "title-asc" }],
    ["ICS lead, shared only + hidden count", a.icsLead, {}],
  ];
  console.log(`${COUNT.toLocaleString("en-GB")} decisions in one trust generated in ${(setup / 1000).toFixed(1)} s (PGlite in memory).`);
  console.log(`listRegister, median of ${RUNS} runs (after one warm-up):`);
  for (const [name, actor, filters] of cases) {
    await listRegister(actor, filters);
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      const page = await listRegister(actor, filters);
      times.push(performance.now() - s);
      total = page.total;
    }
    times.sort((x, y) => x - y);
    console.log(`  ${name.padEnd(48)} ${times[RUNS >> 1].toFixed(1).padStart(7)} ms  (${total.toLocaleString("en-GB")} matching)`);
  }
  await opened.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
