import { getBalancePanel, type SideCounts } from "@/lib/dashboards";
import { categoryChart, icsChart, quarterChart } from "@/lib/dashboards/chart-specs";
import { CATEGORY_LABELS, TRUST_TYPE_LABELS, quarterLabel, type Drill } from "@/lib/dashboards/filters";
import { Chart, Empty, Num, NO_DECISIONS, Pair, Panel, TableWrap, TooFewTrusts, linker, percent, type PanelProps } from "../bits";

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

export async function BalancePanelView({ actor, view, filters }: PanelProps) {
  const b = await getBalancePanel(actor, view, filters);
  const link = linker(view, filters);
  const national = view.kind === "national";
  const suppressNote = national ? " In the table, cells of fewer than 3 decisions read “fewer than 3”, and cells that would let one be worked out read “not shown”." : "";
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
            chart={quarterChart(b.byQuarter)}
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
            chart={categoryChart(b.byCategory)}
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
                chart={icsChart(b.byIcs)}
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
