import { getRatificationPanel } from "@/lib/dashboards";
import { Num, Panel, TooFewTrusts, linker, type PanelProps } from "../bits";

/** Chair's action and ratification at the next board (issue 14). */
export async function RatificationPanelView({ actor, view, filters }: PanelProps) {
  const s = await getRatificationPanel(actor, view, filters);
  const link = linker(view, filters);
  return (
    <Panel
      id="ratification"
      title="Chair's action and ratification"
      intro={<>Urgent decisions signed off between meetings by the Chair and non-executive directors, and whether the next board meeting ratified them.</>}
    >
      {s.tooFewTrusts ? (
        <TooFewTrusts />
      ) : (
        <dl className="grid gap-4 sm:grid-cols-3">
          <div className="border-l-4 border-nhs-blue pl-3">
            <dt>Median days from Chair&apos;s action to the board&apos;s resolution</dt>
            <dd className="text-3xl font-bold" data-testid="ratification-lag">
              {s.medianLagDays === null ? "–" : Math.round(s.medianLagDays)}
            </dd>
            <dd className="text-base text-nhs-secondary">
              over <Num value={s.byChairsAction} /> {s.byChairsAction === 1 ? "decision" : "decisions"} signed off by Chair&apos;s action
            </dd>
          </div>
          <div className="border-l-4 border-nhs-warm-yellow pl-3">
            <dt>Awaiting ratification</dt>
            <dd className="text-3xl font-bold" data-testid="ratification-awaiting">
              <Num value={s.awaiting} href={link({ ratification: "awaiting" })} label="awaiting ratification" />
            </dd>
            <dd className="text-base text-nhs-secondary">
              and <Num value={s.ratified} href={link({ ratification: "ratified" })} /> ratified
            </dd>
          </div>
          <div className="border-l-4 border-nhs-red pl-3">
            <dt>Not ratified</dt>
            <dd className="text-3xl font-bold" data-testid="ratification-not">
              <Num value={s.notRatified} href={link({ ratification: "not_ratified" })} label="not ratified" />
            </dd>
          </div>
        </dl>
      )}
    </Panel>
  );
}
