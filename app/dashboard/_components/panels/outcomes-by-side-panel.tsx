import { getOutcomesBySidePanel, isSuppressed } from "@/lib/dashboards";
import { outcomesChart } from "@/lib/dashboards/chart-specs";
import { FAVOURED_LABELS } from "@/lib/dashboards/filters";
import { Chart, Empty, Num, Panel, TableWrap, TooFewTrusts, linker, percent, type PanelProps } from "../bits";

export async function OutcomesBySidePanelView({ actor, view, filters }: PanelProps) {
  const o = await getOutcomesBySidePanel(actor, view, filters);
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
            chart={outcomesChart(o.sides)}
            caption="Number of assessed success criteria met, partly met and not met, by the side the decision favoured. Criteria assessed as unknown are left out; the table gives the shares."
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
