import Link from "@/app/_components/link";
import { getReciprocityPanel } from "@/lib/dashboards";
import { reciprocityChart } from "@/lib/dashboards/chart-specs";
import { formatMoneyK } from "@/lib/format";
import { Chart, Empty, Num, Panel, TableWrap, linker, type PanelProps } from "../bits";

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
    <Link href={href} aria-label={`${formatMoneyK(k)} ${label}`}>
      {formatMoneyK(k)}
    </Link>
  );
}

export async function ReciprocityPanelView({ actor, view, filters }: PanelProps) {
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
            chart={reciprocityChart(r.trusts)}
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
