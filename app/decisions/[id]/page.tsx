import type { Metadata } from "next";
import { requireActor } from "@/lib/auth";
import { getDecision } from "@/lib/decisions";
import { orNotFound } from "@/lib/page-errors";
import { ChairsActionSection } from "./_sections/chairs-action";
import { DecisionComments } from "./_sections/comments";
import { DecisionCriteria } from "./_sections/criteria";
import { DecisionDetails } from "./_sections/details";
import { DecisionFiles } from "./_sections/files";
import { DecisionHeader } from "./_sections/header";
import { DecisionMeetings } from "./_sections/meetings";
import { DecisionRisk } from "./_sections/risk";
import { DecisionTimeline } from "./_sections/timeline";
import { DecisionVersions } from "./_sections/versions";
import { OutcomesPanel } from "./_sections/outcomes-panel";
import { PositionCallout } from "./_sections/position-callout";
import { SignOffPanel } from "./_sections/sign-off-panel";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  return { title: d.title };
}

/** A decision: thin, composed of sections (sign-off and outcome panels slot in after the criteria). */
export default async function DecisionPage({ params, searchParams }: Props) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  return (
    <div className="max-w-5xl">
      <DecisionHeader d={d} done={done} />
      <PositionCallout d={d} actor={actor} />
      <ChairsActionSection actor={actor} decisionId={d.id} />
      <DecisionDetails d={d} />
      <DecisionRisk d={d} actor={actor} />
      <DecisionFiles d={d} actor={actor} />
      {/* Once signed off, the criteria are shown with their outcomes instead. */}
      {d.status === "signed_off" || d.status === "reviewed" ? null : <DecisionCriteria d={d} />}
      {d.status !== "draft" && d.version > 0 ? <SignOffPanel actor={actor} decisionId={d.id} /> : null}
      {d.status !== "draft" && d.version > 0 ? <DecisionMeetings actor={actor} decisionId={d.id} /> : null}
      {d.status === "signed_off" || d.status === "reviewed" ? <OutcomesPanel actor={actor} decisionId={d.id} /> : null}
      <DecisionVersions d={d} />
      <DecisionComments d={d} actor={actor} />
      <DecisionTimeline id={d.id} actor={actor} />
    </div>
  );
}
