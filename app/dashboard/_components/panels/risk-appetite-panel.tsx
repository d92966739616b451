import { getRiskAppetitePanel, isSuppressed } from "@/lib/dashboards";
import { shareOf } from "@/lib/dashboards/suppression";
import { RISK_DOMAIN_LABELS } from "@/lib/risk-appetite/taxonomy";
import { Empty, Num, Panel, TableWrap, TooFewTrusts, linker, percent, type PanelProps } from "../bits";

/** Decisions outside the board's risk appetite, by domain and by the side favoured (issue 14). */
export async function RiskAppetitePanelView({ actor, view, filters }: PanelProps) {
  const p = await getRiskAppetitePanel(actor, view, filters);
  const link = linker(view, filters);
  const recorded = p.recorded.total;
  return (
    <Panel
      id="risk-appetite"
      title="Decisions outside the board's risk appetite"
      intro={
        <>
          Decisions that record the risk they take are compared, when submitted or amended, with their board&apos;s risk appetite then in force. A decision above the appetite in any
          domain is outside it. Does favouring the system take trusts beyond their appetite more often?
        </>
      }
    >
      {p.tooFewTrusts ? (
        <TooFewTrusts />
      ) : !isSuppressed(recorded) && recorded === 0 ? (
        <Empty>No decision in view records the risk it takes, so none has been compared with a risk appetite.</Empty>
      ) : (
        <TableWrap label="Decisions outside the board's risk appetite">
          <table className="nhs-table">
            <caption>Decisions outside the board&apos;s risk appetite, by domain and side favoured</caption>
            <thead>
              <tr>
                <th scope="col">Decisions</th>
                <th scope="col" className="num">Favoured the system</th>
                <th scope="col" className="num">Favoured the trust</th>
                <th scope="col" className="num">All</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">Recording the risk they take</th>
                <td className="num"><Num value={p.recorded.system} /></td>
                <td className="num"><Num value={p.recorded.trust} /></td>
                <td className="num"><Num value={p.recorded.total} /></td>
              </tr>
              <tr>
                <th scope="row">Outside the appetite in any domain</th>
                {(["system", "trust"] as const).map((side) => (
                  <td key={side} className="num">
                    <Num value={p.outside[side]} href={link({ outside: true, favoured: side })} label={`outside the appetite, favoured the ${side}`} />{" "}
                    {shareOf(p.outside[side], p.recorded[side]) !== null ? <span className="text-nhs-secondary">({percent(shareOf(p.outside[side], p.recorded[side]))})</span> : null}
                  </td>
                ))}
                <td className="num">
                  <Num value={p.outside.total} href={link({ outside: true })} label="outside the appetite, all" />
                </td>
              </tr>
              {p.domains.map((r) => {
                const label = RISK_DOMAIN_LABELS[r.domain];
                return (
                  <tr key={r.domain}>
                    <th scope="row" className="pl-6!">Outside in {label.toLowerCase()}</th>
                    <td className="num"><Num value={r.outside.system} href={link({ outside: true, riskDomain: r.domain, favoured: "system" })} label={`outside in ${label}, favoured the system`} /></td>
                    <td className="num"><Num value={r.outside.trust} href={link({ outside: true, riskDomain: r.domain, favoured: "trust" })} label={`outside in ${label}, favoured the trust`} /></td>
                    <td className="num"><Num value={r.outside.total} href={link({ outside: true, riskDomain: r.domain })} label={`outside in ${label}, all`} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableWrap>
      )}
      <p className="nhs-hint mt-2">
        The share in brackets is of the decisions favouring that side that record their risk. A decision can be outside the appetite in more than one domain. Domains where a board states
        no appetite are never counted as outside it.
      </p>
    </Panel>
  );
}
