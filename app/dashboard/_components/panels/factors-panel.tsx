import { getFactorsPanel, isSuppressed } from "@/lib/dashboards";
import { factorsChart } from "@/lib/dashboards/chart-specs";
import { FACTOR_LABELS } from "@/lib/dashboards/filters";
import { Chart, Empty, Num, NO_DECISIONS, Panel, TableWrap, TooFewTrusts, linker, type PanelProps } from "../bits";

export async function FactorsPanelView({ actor, view, filters }: PanelProps) {
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
            chart={factorsChart(used)}
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
