import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, InsetText, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { getDecision, previewAppetiteCheck, submitProblems } from "@/lib/decisions";
import { outsideSentence, type RiskAppetiteContent } from "@/lib/risk-appetite/taxonomy";
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
  const appetite = await previewAppetiteCheck(actor, d.id);
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
      <AppetiteCheck check={appetite} />
      <DecisionDetails d={d} />
      <DecisionCriteria d={d} />
      {ready ? null : <p className="mb-4">Correct the problems listed at the top of this page, then come back to submit.</p>}
      <SubmitForm id={d.id} baseRevision={d.revision} ready={ready} />
    </div>
  );
}

/** The draft's risks against the board's appetite in force, in the decision page's words (issue 14). */
function AppetiteCheck({ check }: { check: RiskAppetiteContent | null }) {
  if (!check) return null;
  if (check.outside.length) {
    return (
      <div className="mb-8 border-l-8 border-nhs-red bg-white p-4" data-testid="submit-outside-appetite">
        <p className="mb-2 text-lg font-bold">This decision will be outside the board&apos;s risk appetite</p>
        <ul className="mb-2 list-disc pl-5">
          {check.outside.map((o) => (
            <li key={o.domain}>{outsideSentence(o)}</li>
          ))}
        </ul>
        <p>
          Compared with version {check.statementVersion} of the board&apos;s risk appetite. Once submitted, it will need the Chair&apos;s support to be signed
          off, whatever the trust&apos;s sign-off policy says, and it cannot be signed off by Chair&apos;s action.
        </p>
      </div>
    );
  }
  return (
    <p className="mb-8" data-testid="submit-appetite">
      {check.statementVersion === null
        ? "The board has no risk appetite statement in force, so no domain will be flagged as outside its appetite."
        : `Within version ${check.statementVersion} of the board's risk appetite in every domain this decision records.`}
    </p>
  );
}
