import Link from "@/app/_components/link";
import { ratificationWords } from "@/lib/chairs-action-words";
import { getRegisterPanel, REGISTER_PANEL_LIMIT } from "@/lib/dashboards";
import { CATEGORY_LABELS, FAVOURED_LABELS } from "@/lib/dashboards/filters";
import { formatDate, pluralise } from "@/lib/format";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/lifecycle";
import { Tag } from "../../../_components/ui";
import { Empty, Num, NO_DECISIONS, Panel, TableWrap, linker, type PanelProps } from "../bits";

function SideTag({ side }: { side: "system" | "trust" }) {
  return <Tag colour={side === "system" ? "blue" : "purple"}>{FAVOURED_LABELS[side]}</Tag>;
}

export async function RegisterPanelView({ actor, view, filters }: PanelProps) {
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
                        <Tag colour={d.ratification === "not_ratified" ? "red" : STATUS_COLOURS[d.status]}>{ratificationWords(STATUS_LABELS[d.status], d.ratification)}</Tag>
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
