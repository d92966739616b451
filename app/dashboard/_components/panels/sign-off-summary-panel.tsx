import { getSignOffSummaryPanel } from "@/lib/dashboards";
import { Num, Panel, TooFewTrusts, linker, type PanelProps } from "../bits";

export async function SignOffSummaryPanelView({ actor, view, filters }: PanelProps) {
  const s = await getSignOffSummaryPanel(actor, view, filters);
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
              <Num value={typeof s.medianDays === "number" ? Math.round(s.medianDays) : s.medianDays} href={filters.status ? null : link({ status: "signed_off,reviewed" })} label="days: see the decisions it is the median of" />
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
        <div className="border-l-4 border-nhs-green pl-3 sm:col-span-3">
          <dt>Signed off at a board meeting</dt>
          <dd>
            <span className="text-3xl font-bold">
              <Num value={s.atMeeting} href={null} label="decisions signed off by a meeting's resolution" />
            </span>{" "}
            by a meeting&apos;s resolution, and <Num value={s.individually} href={null} label="decisions signed off by members' own positions" /> by
            members&apos; own positions.{" "}
            {s.medianDaysToMeeting === null ? null : (
              <>
                Median <strong>{Math.round(s.medianDaysToMeeting)}</strong> days from submission to the meeting that resolved it.
              </>
            )}
          </dd>
        </div>
      </dl>
        </>
      )}
    </Panel>
  );
}
