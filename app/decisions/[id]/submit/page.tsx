import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, InsetText, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { getDecision, submitProblems } from "@/lib/decisions";
import { orNotFound } from "@/lib/page-errors";
import { DecisionCriteria } from "../_sections/criteria";
import { DecisionDetails } from "../_sections/details";
import { SubmitForm, SubmitProblems } from "./submit-form";

/** "Error: " leads the title while the decision has problems to fix (the GOV.UK error pattern). */
export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const { id } = await params;
  const actor = await requireActor();
  const d = await getDecision(actor, id).catch(() => null);
  const problems = d && d.permissions.canSubmit ? Object.keys(submitProblems(d)).length : 0;
  return { title: problems ? "Error: Check before you submit" : "Check before you submit" };
}

export default async function SubmitPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  if (!d.permissions.canSubmit) notFound();
  const problems = submitProblems(d);
  const ready = Object.keys(problems).length === 0;
  return (
    <div className="max-w-5xl">
      <BackLink href={`/decisions/${d.id}`}>Back to the decision</BackLink>
      <SubmitProblems id={d.id} problems={problems} />
      <PageHeading caption={d.title}>Check before you submit</PageHeading>
      <InsetText>
        Submitting freezes this decision and its success criteria as version {d.version + 1}, with a SHA-256 hash of its
        content, and asks the board to sign it off. After that it can only change through an amendment, which makes a new
        version.
      </InsetText>
      <DecisionDetails d={d} />
      <DecisionCriteria d={d} />
      {ready ? null : <p className="mb-4">Correct the problems listed at the top of this page, then come back to submit.</p>}
      <SubmitForm id={d.id} baseRevision={d.revision} ready={ready} />
    </div>
  );
}
