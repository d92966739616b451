import Link from "next/link";
import type { Actor } from "@/lib/access";
import { NHS_CHART_COLOURS, renderBarChart } from "@/lib/charts";
import {
  CATEGORY_LABELS,
  FACTOR_LABELS,
  FAVOURED_LABELS,
  STATUS_LABELS,
  TRUST_TYPE_LABELS,
  quarterLabel,
  registerHref,
  type DashboardFilters,
  type Drill,
} from "@/lib/dashboard-filters";
import {
  getBalancePanel,
  getFactorsPanel,
  getOutcomesPanel,
  getReciprocityPanel,
  getRegisterPanel,
  getSignOffPanel,
  getWordPairsPanel,
  isSuppressed,
  REGISTER_PANEL_LIMIT,
  WORD_PAIRS_MIN_DECISIONS,
  type DashboardView,
  type SideCounts,
} from "@/lib/dashboards";
import { formatDate, formatMoneyK, pluralise } from "@/lib/format";
import { Tag } from "../../_components/ui";
import { Chart, Empty, Num, Pair, Panel, TableWrap, TooFewTrusts, percent, plotted } from "./bits";

type Props = { actor: Actor; view: DashboardView; filters: DashboardFilters };

const SYSTEM = NHS_CHART_COLOURS.system;
const TRUST = NHS_CHART_COLOURS.trust;

/** Drill-down links exist for trust and ICS views; the national view has none. */
function linker(view: DashboardView, filters: DashboardFilters) {
  return (drill: Drill = {}) => (view.kind === "national" ? null : registerHref(view, filters, drill));
}

const NO_DECISIONS = (view: DashboardView) =>
  view.kind === "trust"
    ? "No decisions yet match these filters. Decisions appear here once the Chief Executive submits them for sign-off; try widening the filters."
    : "No decisions yet match these filters. Decisions appear here once a trust's Chief Executive submits them for sign-off; try widening the filters.";

export function SideTag({ side }: { side: "system" | "trust" }) {
  return <Tag colour={side === "system" ? "blue" : "purple"}>{FAVOURED_LABELS[side]}</Tag>;
}

const STATUS_COLOURS = { awaiting_sign_off: "yellow", signed_off: "green", declined: "red", reviewed: "blue", withdrawn: "grey" } as const;

// ---------------------------------------------------------------- 1. register

export async function RegisterPanelView({ actor, view, filters }: Props) {
  const r = await getRegisterPanel(actor, view, filters);
  const link = linker(view, filters);
  const showTrust = view.kind === "ics";
  return (
    <Panel
      id="register"
      title="Register of decisions"
      intro={
        <>
          Every decision in view, in the layout of the study&apos;s Table 6: what was decided and which side it favoured. Counts
          include decisions visible to their trust&apos;s board only.
        </>
      }
    >
      <p className="mb-4">
        <Num value={r.total} href={link()} label="decisions in the register" /> {r.total === 1 ? "decision" : "decisions"}:{" "}
        <Num value={r.system} href={link({ favoured: "system" })} label="favouring the system" /> favoured the system and{" "}
        <Num value={r.trust} href={link({ favoured: "trust" })} label="favouring the trust" /> favoured the trust.
      </p>
      {r.total === 0 ? (
        <Empty>
          {NO_DECISIONS(view)}
          {view.kind === "trust" && actor.memberships.some((m) => m.role === "chief_executive" && m.ods === view.ods) ? (
            <>
              {" "}
              <Link href="/decisions/new">Record your first decision</Link>.
            </>
          ) : null}
        </Empty>
      ) : (
        <>
          {r.rows.length ? (
            <TableWrap label="Register of decisions">
              <table className="nhs-table">
                <caption>
                  {r.readable > r.rows.length ? `The ${r.rows.length} most recent of ${r.readable} decisions you can read` : `Decisions you can read (${r.readable})`}
                </caption>
                <thead>
                  <tr>
                    <th scope="col" className="min-w-48">Brief description</th>
                    <th scope="col">Favoured</th>
                    <th scope="col">Category</th>
                    {showTrust ? <th scope="col">Trust</th> : null}
                    <th scope="col">Chief Executive</th>
                    <th scope="col">Decided</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {r.rows.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link href={`/decisions/${d.id}`}>{d.title}</Link>
                      </td>
                      <td>
                        <SideTag side={d.favoured} />
                      </td>
                      <td>{CATEGORY_LABELS[d.category]}</td>
                      {showTrust ? <td>{d.trustName}</td> : null}
                      <td>{d.authorName}</td>
                      <td className="whitespace-nowrap">{d.decidedOn ? formatDate(d.decidedOn) : "Not given"}</td>
                      <td>
                        <Tag colour={STATUS_COLOURS[d.status]}>{STATUS_LABELS[d.status]}</Tag>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
          {r.hiddenFromViewer > 0 ? (
            <p className="mb-4">
              {r.rows.length ? "And " : ""}
              {pluralise(r.hiddenFromViewer, "decision")} visible to their trust boards only: counted in every figure on this page,
              but not listed.
            </p>
          ) : null}
          {r.readable > REGISTER_PANEL_LIMIT ? (
            <p>
              <Link href={link() ?? "/decisions"}>See all {r.readable.toLocaleString("en-GB")} decisions in the register</Link>
            </p>
          ) : null}
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 2. balance

function SideTable({
  caption,
  keyHeading,
  rows,
  link,
  nowrapKeys,
}: {
  caption: string;
  nowrapKeys?: boolean;
  keyHeading: string;
  rows: { key: string; label: string; drill: Drill | null; counts: SideCounts }[];
  link: (d?: Drill) => string | null;
}) {
  return (
    <TableWrap label={caption}>
      <table className="nhs-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{keyHeading}</th>
            <th scope="col" className="num">
              <span className="sr-only">Favoured the </span>System
            </th>
            <th scope="col" className="num">
              <span className="sr-only">Favoured the </span>Trust
            </th>
            <th scope="col" className="num">All</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row" className={nowrapKeys ? "whitespace-nowrap" : undefined}>
                {r.label}
              </th>
              <td className="num">
                <Num value={r.counts.system} href={r.drill ? link({ ...r.drill, favoured: "system" }) : null} label={`${r.label}, favoured the system`} />
              </td>
              <td className="num">
                <Num value={r.counts.trust} href={r.drill ? link({ ...r.drill, favoured: "trust" }) : null} label={`${r.label}, favoured the trust`} />
              </td>
              <td className="num">
                <Num value={r.counts.total} href={r.drill ? link(r.drill) : null} label={`${r.label}, all`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function sideChart(title: string, categories: string[], counts: SideCounts[], opts: { horizontal?: boolean; stacked?: boolean } = {}) {
  return renderBarChart({
    title,
    categories,
    series: [
      { name: "Favoured the system", values: counts.map((c) => plotted(c.system)), color: SYSTEM },
      { name: "Favoured the trust", values: counts.map((c) => plotted(c.trust)), color: TRUST },
    ],
    horizontal: opts.horizontal,
    stacked: opts.stacked,
    ariaLabel: `${title}: bar chart. The same figures are in the table that follows.`,
  });
}

export async function BalancePanelView({ actor, view, filters }: Props) {
  const b = await getBalancePanel(actor, view, filters);
  const link = linker(view, filters);
  const national = view.kind === "national";
  const suppressNote = national ? " Cells of fewer than 3 decisions are drawn as nought and shown as “fewer than 3”; cells that would let one be worked out are drawn as nought and marked “not shown”." : "";
  const total = b.total.total;
  return (
    <Panel
      id="balance"
      title="Balance between system and trust"
      intro={
        <>
          How many decisions favoured the wider system and how many favoured the trust itself. In the study, ten Chief
          Executives gave 11 examples favouring the system and 5 favouring their trust, and half could name no trust-favoured
          decision at all.
        </>
      }
    >
      {b.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      {total === 0 ? (
        <Empty>{NO_DECISIONS(view)}</Empty>
      ) : (
        <>
          <dl className="mb-6 grid gap-4 sm:grid-cols-3">
            <div className="border-l-4 border-nhs-blue pl-3">
              <dt>Favoured the system</dt>
              <dd className="text-3xl font-bold">
                <Num value={b.total.system} href={link({ favoured: "system" })} label="decisions favoured the system" />
              </dd>
            </div>
            <div className="border-l-4 border-nhs-purple pl-3">
              <dt>Favoured the trust</dt>
              <dd className="text-3xl font-bold">
                <Num value={b.total.trust} href={link({ favoured: "trust" })} label="decisions favoured the trust" />
              </dd>
            </div>
            <div className="border-l-4 border-nhs-secondary pl-3">
              <dt>Chief Executives with no trust-favoured decision</dt>
              <dd>
                <span className="text-3xl font-bold">
                  <Num
                    value={b.chiefExecutives.withNoTrustFavoured}
                    href={b.byChiefExecutive ? "#balance-by-chief-executive" : null}
                    label="Chief Executives: see each one's decisions in the table by Chief Executive"
                  />
                </span>{" "}
                of <Num value={b.chiefExecutives.withDecisions} href={link()} label="Chief Executives who made the decisions in this set" />
                {b.chiefExecutives.share !== null ? ` (${percent(b.chiefExecutives.share)})` : ""}
              </dd>
            </div>
          </dl>
          <p className="mb-6 text-base text-nhs-secondary">
            Chief Executives counted are those who recorded at least one decision in this set.
          </p>

          <Pair>
          <Chart
            svg={sideChart("Decisions by quarter", b.byQuarter.map((q) => quarterLabel(q.quarter)), b.byQuarter)}
            caption={`Number of decisions decided in each financial-year quarter, by the side they favoured.${suppressNote}`}
          />
          <SideTable
            caption="Decisions by quarter"
            keyHeading="Quarter"
            nowrapKeys
            link={link}
            rows={b.byQuarter.map((q) => ({ key: q.quarter ?? "none", label: quarterLabel(q.quarter), drill: q.quarter ? { quarter: q.quarter } : null, counts: q }))}
          />
          </Pair>

          <Pair>
          <Chart
            svg={sideChart("Decisions by category", b.byCategory.map((c) => CATEGORY_LABELS[c.category]), b.byCategory, { horizontal: true, stacked: true })}
            caption={`Number of decisions in each category, by the side they favoured.${suppressNote}`}
          />
          <SideTable
            caption="Decisions by category"
            keyHeading="Category"
            link={link}
            rows={b.byCategory.map((c) => ({ key: c.category, label: CATEGORY_LABELS[c.category], drill: { category: c.category }, counts: c }))}
          />
          </Pair>
          <Pair>
          <SideTable
            caption="Decisions by trust type"
            keyHeading="Trust type"
            link={link}
            rows={b.byTrustType.map((c) => ({ key: c.trustType, label: TRUST_TYPE_LABELS[c.trustType], drill: { trustType: c.trustType }, counts: c }))}
          />
          {b.byTrust && view.kind === "ics" ? (
            <SideTable
              caption="Decisions by trust"
              keyHeading="Trust"
              link={link}
              rows={b.byTrust.map((c) => ({ key: c.trustOds, label: c.trustName, drill: { trust: c.trustOds }, counts: c }))}
            />
          ) : null}
          </Pair>
          {b.byIcs ? (
            <Pair>
              <Chart
                svg={sideChart("Decisions by Integrated Care System", b.byIcs.map((c) => c.icsName), b.byIcs, { horizontal: true, stacked: true })}
                caption={`Number of decisions in each Integrated Care System (ICS), by the side they favoured.${suppressNote}`}
              />
              <SideTable
                caption="Decisions by Integrated Care System"
                keyHeading="ICS"
                link={link}
                rows={b.byIcs.map((c) => ({ key: c.icsOds, label: c.icsName, drill: null, counts: c }))}
              />
            </Pair>
          ) : null}
          {b.byChiefExecutive ? (
            <div id="balance-by-chief-executive" className="scroll-mt-4">
            <SideTable
              caption="Decisions by Chief Executive"
              keyHeading="Chief Executive"
              link={link}
              rows={b.byChiefExecutive.map((c) => ({
                key: c.authorId,
                label: c.authorName,
                drill: { author: c.authorId, trust: c.trustOds },
                counts: c,
              }))}
            />
            </div>
          ) : null}
        </>
      )}
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 3. outcomes

export async function OutcomesPanelView({ actor, view, filters }: Props) {
  const o = await getOutcomesPanel(actor, view, filters);
  const link = linker(view, filters);
  const any = o.sides.some((s) => isSuppressed(s.assessed) || s.assessed > 0);
  return (
    <Panel
      id="outcomes"
      title="Outcomes by side"
      intro={
        <>
          Did system-favoured decisions deliver? For every success criterion that has been assessed (its latest assessment
          counts), the share met, partly met and not met, for decisions favouring the system and the trust.
        </>
      }
    >
      {o.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      {!any ? (
        <Empty>No success criteria have been assessed yet in this set. Outcomes are recorded after a criterion&apos;s date has passed.</Empty>
      ) : (
        <>
          <Chart
            svg={renderBarChart({
              title: "Share of assessed criteria by outcome (%)",
              categories: o.sides.map((s) => `Favoured the ${s.favoured}`),
              series: [
                { name: "Met", values: o.sides.map((s) => Math.round((s.shares.met ?? 0) * 100)), color: NHS_CHART_COLOURS.green },
                { name: "Partly met", values: o.sides.map((s) => Math.round((s.shares.partlyMet ?? 0) * 100)), color: NHS_CHART_COLOURS.warmYellow },
                { name: "Not met", values: o.sides.map((s) => Math.round((s.shares.notMet ?? 0) * 100)), color: NHS_CHART_COLOURS.red },
              ],
              horizontal: true,
              stacked: true,
              ariaLabel: "Share of assessed criteria met, partly met and not met, by side favoured. The same figures are in the table that follows.",
            })}
            caption={`Percentage of assessed success criteria with a known outcome (met, partly met, not met), by the side the decision favoured. Criteria assessed as unknown are left out of the shares.${
              o.sides.some((s) => s.shares.met === null) ? " A side with no bar has no share shown (none assessed, or hidden to protect small numbers)." : ""
            }`}
          />
          <TableWrap label="Outcomes by side">
            <table className="nhs-table">
              <caption>Assessed success criteria by side favoured</caption>
              <thead>
                <tr>
                  <th scope="col">Side favoured</th>
                  <th scope="col" className="num">Decisions</th>
                  <th scope="col" className="num">Criteria assessed</th>
                  <th scope="col" className="num">Met</th>
                  <th scope="col" className="num">Partly met</th>
                  <th scope="col" className="num">Not met</th>
                  <th scope="col" className="num">Unknown</th>
                </tr>
              </thead>
              <tbody>
                {o.sides.map((s) => (
                  <tr key={s.favoured}>
                    <th scope="row">{FAVOURED_LABELS[s.favoured]}</th>
                    <td className="num">
                      <Num value={s.decisions} href={link({ favoured: s.favoured, outcome: "assessed" })} label={`decisions favouring the ${s.favoured} with an assessed criterion`} />
                    </td>
                    <td className="num">
                      <Num value={s.assessed} href={link({ favoured: s.favoured, outcome: "assessed" })} label={`criteria assessed, on decisions favouring the ${s.favoured}`} />
                    </td>
                    <td className="num">
                      <Num value={s.met} href={link({ favoured: s.favoured, outcome: "met" })} label={`criteria met, on decisions favouring the ${s.favoured}`} />{" "}
                      <span className="text-nhs-secondary">({percent(s.shares.met)})</span>
                    </td>
                    <td className="num">
                      <Num value={s.partlyMet} href={link({ favoured: s.favoured, outcome: "partly_met" })} label={`criteria partly met, on decisions favouring the ${s.favoured}`} />{" "}
                      <span className="text-nhs-secondary">({percent(s.shares.partlyMet)})</span>
                    </td>
                    <td className="num">
                      <Num value={s.notMet} href={link({ favoured: s.favoured, outcome: "not_met" })} label={`criteria not met, on decisions favouring the ${s.favoured}`} />{" "}
                      <span className="text-nhs-secondary">({percent(s.shares.notMet)})</span>
                    </td>
                    <td className="num">
                      <Num value={s.unknown} href={link({ favoured: s.favoured, outcome: "unknown" })} label={`criteria with outcome unknown, on decisions favouring the ${s.favoured}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          {view.kind !== "national" ? (
            <p className="text-base text-nhs-secondary">The decisions count opens every decision of that side in the register.</p>
          ) : null}
        </>
      )}
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 4. factors

export async function FactorsPanelView({ actor, view, filters }: Props) {
  const f = await getFactorsPanel(actor, view, filters);
  const link = linker(view, filters);
  const used = f.rows.filter((r) => isSuppressed(r.decisions.total) || r.decisions.total > 0);
  return (
    <Panel
      id="factors"
      title="Factors weighed"
      intro={
        <>
          Like the study&apos;s Table 2: for each factor, how many decisions weighed it and how many different Chief Executives
          cited it, split by the side the decision favoured.
        </>
      }
    >
      {f.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      {used.length === 0 ? (
        <Empty>{NO_DECISIONS(view)}</Empty>
      ) : (
        <>
          <Chart
            svg={renderBarChart({
              title: "Decisions citing each factor",
              categories: used.map((r) => FACTOR_LABELS[r.factor]),
              series: [
                { name: "Favoured the system", values: used.map((r) => plotted(r.decisions.system)), color: SYSTEM },
                { name: "Favoured the trust", values: used.map((r) => plotted(r.decisions.trust)), color: TRUST },
              ],
              horizontal: true,
              stacked: true,
              ariaLabel: "Decisions citing each factor, by side favoured. The same figures are in the table that follows.",
            })}
            caption="Number of decisions that recorded each factor as weighed, by the side they favoured. A decision can cite several factors."
          />
          <TableWrap label="Factors weighed">
            <table className="nhs-table">
              <caption>Factors weighed: decisions and Chief Executives citing each</caption>
              <thead>
                <tr>
                  <th scope="col" rowSpan={2}>Factor</th>
                  <th scope="colgroup" colSpan={3} className="text-center!">Decisions</th>
                  <th scope="colgroup" colSpan={3} className="text-center!">Chief Executives</th>
                </tr>
                <tr>
                  <th scope="col" className="num">System</th>
                  <th scope="col" className="num">Trust</th>
                  <th scope="col" className="num">All</th>
                  <th scope="col" className="num">System</th>
                  <th scope="col" className="num">Trust</th>
                  <th scope="col" className="num">All</th>
                </tr>
              </thead>
              <tbody>
                {f.rows.map((r) => {
                  const label = FACTOR_LABELS[r.factor];
                  return (
                    <tr key={r.factor}>
                      <th scope="row">{label}</th>
                      <td className="num"><Num value={r.decisions.system} href={link({ factor: r.factor, favoured: "system" })} label={`${label}, favoured the system`} /></td>
                      <td className="num"><Num value={r.decisions.trust} href={link({ factor: r.factor, favoured: "trust" })} label={`${label}, favoured the trust`} /></td>
                      <td className="num"><Num value={r.decisions.total} href={link({ factor: r.factor })} label={`${label}, all decisions`} /></td>
                      <td className="num"><Num value={r.chiefExecutives.system} href={link({ factor: r.factor, favoured: "system" })} label={`Chief Executives citing ${label}, favouring the system`} /></td>
                      <td className="num"><Num value={r.chiefExecutives.trust} href={link({ factor: r.factor, favoured: "trust" })} label={`Chief Executives citing ${label}, favouring the trust`} /></td>
                      <td className="num"><Num value={r.chiefExecutives.total} href={link({ factor: r.factor })} label={`Chief Executives citing ${label}`} /></td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 5. word pairs

export async function WordPairsPanelView({ actor, view, filters }: Props) {
  const w = await getWordPairsPanel(actor, view, filters);
  const scope =
    view.kind === "ics"
      ? "the summaries and rationales of the decisions shared with the system (confidential decisions' words stay with their trust)"
      : "the summaries and rationales of the decisions in view";
  return (
    <Panel
      id="word-pairs"
      title="Word pairs"
      intro={
        <>
          Like the study&apos;s Figure 1, where &ldquo;mental health&rdquo; and &ldquo;social care&rdquo; came top: the 20 word
          pairs that occur most often in {scope}. Words are lower-cased and common words such as &ldquo;the&rdquo; or
          &ldquo;and&rdquo; are left out.
          {view.kind === "national"
            ? " A pair counts once per decision, and is shown only when at least 3 decisions from at least 3 different trusts use it."
            : ""}
        </>
      }
    >
      {w.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      {!w.shown ? (
        <Empty>
          Word pairs appear once at least {WORD_PAIRS_MIN_DECISIONS} decisions are in the set
          {typeof w.decisions === "number" ? ` (there ${w.decisions === 1 ? "is" : "are"} ${w.decisions} now)` : ""}. Fewer would say
          more about single decisions than about patterns.
        </Empty>
      ) : w.pairs.length === 0 ? (
        <Empty>No word pair occurs often enough to show.</Empty>
      ) : (
        <Pair>
          <Chart
            svg={renderBarChart({
              title: "Most frequent word pairs",
              categories: w.pairs.map((p) => p.pair),
              series: [{ name: "Times used", values: w.pairs.map((p) => p.count), color: SYSTEM }],
              horizontal: true,
              ariaLabel: "Most frequent word pairs: bar chart. The same figures are in the table that follows.",
            })}
            caption={
              view.kind === "national"
                ? "Number of decisions using each pair of adjacent words (each decision counted once; only pairs used by at least 3 decisions of 3 different trusts)."
                : `Number of times each pair of adjacent words occurs across ${typeof w.decisions === "number" ? w.decisions.toLocaleString("en-GB") : ""} decisions.`
            }
          />
          <TableWrap label="Most frequent word pairs">
            <table className="nhs-table">
              <caption>Most frequent word pairs</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">Rank</th>
                  <th scope="col">Word pair</th>
                  <th scope="col" className="num">{view.kind === "national" ? "Decisions using it" : "Times used"}</th>
                </tr>
              </thead>
              <tbody>
                {w.pairs.map((p, i) => (
                  <tr key={p.pair}>
                    <td className="num">{i + 1}</td>
                    <th scope="row">{p.pair}</th>
                    <td className="num">{p.count.toLocaleString("en-GB")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </Pair>
      )}
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 6. reciprocity

/** An amount in £ linking to the decisions that named it. */
function Money({ k, href, label }: { k: number | null; href: string | null; label: string }) {
  if (k === null) {
    // No decision behind it (–), or decisions that named no amount.
    return href ? <span className="text-nhs-secondary">None named</span> : <>
        <span aria-hidden="true">–</span>
        <span className="sr-only">none</span>
      </>;
  }
  if (!href) return <>{formatMoneyK(k)}</>;
  return (
    <Link href={href}>
      {formatMoneyK(k)}
      <span className="sr-only"> {label}</span>
    </Link>
  );
}

export async function ReciprocityPanelView({ actor, view, filters }: Props) {
  const r = await getReciprocityPanel(actor, view, filters);
  const link = linker(view, filters);
  const anyFlow = r.flows.length > 0;
  return (
    <Panel
      id="reciprocity"
      title="Reciprocity: who helped whom"
      intro={
        <>
          For each trust, what it gave (its decisions that named other organisations as benefiting) and what it received
          (decisions of other trusts here that named it). A history of help, not a balance owed.
        </>
      }
    >
      {!anyFlow ? (
        <Empty>No decision in this set names another organisation as benefiting yet.</Empty>
      ) : (
        <>
          <Chart
            svg={renderBarChart({
              title: "Decisions given and received",
              categories: r.trusts.map((t) => t.trustName),
              series: [
                { name: "Gave", values: r.trusts.map((t) => t.gaveDecisions), color: SYSTEM },
                { name: "Received", values: r.trusts.map((t) => t.receivedDecisions), color: NHS_CHART_COLOURS.green },
              ],
              horizontal: true,
              ariaLabel: "Decisions each trust gave and received: bar chart. The same figures are in the table that follows.",
            })}
            caption="Number of decisions by which each trust helped others (gave) and was helped (received)."
          />
          <TableWrap label="Given and received by trust">
            <table className="nhs-table">
              <caption>Given and received by trust</caption>
              <thead>
                <tr>
                  <th scope="col">Trust</th>
                  <th scope="col" className="num">Gave (decisions)</th>
                  <th scope="col" className="num">Gave (£)</th>
                  <th scope="col" className="num">Received (decisions)</th>
                  <th scope="col" className="num">Received (£)</th>
                </tr>
              </thead>
              <tbody>
                {r.trusts.map((t) => (
                  <tr key={t.trustOds}>
                    <th scope="row">{t.trustName}</th>
                    <td className="num">
                      <Num value={t.gaveDecisions} href={t.gaveDecisions ? link({ trust: t.trustOds, gave: true }) : null} label={`decisions by which ${t.trustName} helped others`} />
                    </td>
                    <td className="num">
                      <Money k={t.gaveK} href={t.gaveDecisions ? link({ trust: t.trustOds, gave: true }) : null} label={`named by ${t.trustName} as helping others`} />
                    </td>
                    <td className="num">
                      {/* Received comes from the other trusts' decisions: the register link drops a chosen trust. */}
                      <Num value={t.receivedDecisions} href={t.receivedDecisions ? link({ trust: "", beneficiary: t.trustOds }) : null} label={`decisions by which ${t.trustName} was helped`} />
                    </td>
                    <td className="num">
                      <Money k={t.receivedK} href={t.receivedDecisions ? link({ trust: "", beneficiary: t.trustOds }) : null} label={`named as helping ${t.trustName}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <TableWrap label="Who helped whom">
            <table className="nhs-table">
              <caption>Who helped whom</caption>
              <thead>
                <tr>
                  <th scope="col">From</th>
                  <th scope="col">To</th>
                  <th scope="col" className="num">Decisions</th>
                  <th scope="col" className="num">£ named</th>
                </tr>
              </thead>
              <tbody>
                {r.flows.map((f) => (
                  <tr key={`${f.fromOds}-${f.toOds}`}>
                    <td>
                      <Link href={link({ trust: f.fromOds }) ?? "#"}>{f.fromName}</Link>
                    </td>
                    <td>{f.toName}</td>
                    <td className="num">
                      <Num value={f.decisions} href={link({ trust: f.fromOds, beneficiary: f.toOds })} label={`decisions by which ${f.fromName} helped ${f.toName}`} />
                    </td>
                    <td className="num">
                      <Money k={f.amountK} href={link({ trust: f.fromOds, beneficiary: f.toOds })} label={`named by ${f.fromName} as helping ${f.toName}`} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <p className="text-base text-nhs-secondary">£ are the amounts named on the decisions as benefiting the other organisation, in the decision&apos;s own estimate.</p>
        </>
      )}
    </Panel>
  );
}

// ---------------------------------------------------------------- 7. sign-off

export async function SignOffPanelView({ actor, view, filters }: Props) {
  const s = await getSignOffPanel(actor, view, filters);
  const link = linker(view, filters);
  return (
    <Panel
      id="sign-off"
      title="Sign-off"
      intro={<>How long boards take to sign decisions off, what is waiting for them, and which success criteria are due for review.</>}
    >
      {s.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <>
      <dl className="grid gap-4 sm:grid-cols-3">
        <div className="border-l-4 border-nhs-blue pl-3">
          <dt>Median days from submission to sign-off</dt>
          <dd className="text-3xl font-bold">
            {s.medianDays === null ? (
              "–"
            ) : (
              <Num value={s.medianDays} href={filters.status ? null : link({ status: "signed_off,reviewed" })} label="days: see the decisions it is the median of" />
            )}
          </dd>
          <dd className="text-base text-nhs-secondary">
            over <Num value={s.timed} href={filters.status ? null : link({ status: "signed_off,reviewed" })} label="decisions signed off or reviewed" /> {s.timed === 1 ? "decision" : "decisions"} signed off (including those since reviewed)
          </dd>
        </div>
        <div className="border-l-4 border-nhs-warm-yellow pl-3">
          <dt>Awaiting sign-off</dt>
          <dd className="text-3xl font-bold">
            <Num value={s.awaiting} href={link({ status: "awaiting_sign_off" })} label="decisions awaiting sign-off" />
          </dd>
        </div>
        <div className="border-l-4 border-nhs-red pl-3">
          <dt>Reviews due</dt>
          <dd>
            <span className="text-3xl font-bold">
              <Num value={s.reviewsDue.criteria} href={link({ due: true })} label="criteria due for review: see their decisions" />
            </span>{" "}
            {s.reviewsDue.criteria === 1 ? "criterion" : "criteria"} past their date with no outcome, on{" "}
            <Num value={s.reviewsDue.decisions} href={link({ due: true })} label="decisions with a review due" /> of{" "}
            <Num value={s.signedOff} href={link({ status: "signed_off" })} label="signed-off decisions" /> signed-off decisions
          </dd>
        </div>
      </dl>
        </>
      )}
    </Panel>
  );
}
