import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, InsetText, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { getDecision, listDecisionFormOptions, submitProblems } from "@/lib/decisions";
import { valuesFromContent } from "@/lib/decisions/form";
import { orNotFound } from "@/lib/page-errors";
import { DecisionForm } from "../../_form/decision-form";

export const metadata: Metadata = { title: "Edit a decision" };

export default async function EditDecisionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ check?: string }> }) {
  const { id } = await params;
  const { check } = await searchParams;
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  if (!d.permissions.canEdit && !d.permissions.canAmend) notFound();
  const options = await orNotFound(listDecisionFormOptions(actor, d.trust.id));
  const amend = d.permissions.canAmend;
  return (
    <div className="max-w-4xl">
      <BackLink href={`/decisions/${d.id}`}>Back to the decision</BackLink>
      <PageHeading caption={d.trust.name}>{amend ? "Amend the decision" : "Edit the draft"}</PageHeading>
      {amend ? (
        <InsetText>
          Version {d.version} is awaiting sign-off. Saving an amendment freezes version {d.version + 1} with a new content
          hash and starts sign-off again. Version {d.version} stays readable.
        </InsetText>
      ) : null}
      <DecisionForm
        mode={amend ? "amend" : "edit"}
        id={d.id}
        baseRevision={d.revision}
        nextVersion={d.version + 1}
        initialValues={valuesFromContent(d)}
        organisations={options.organisations}
        trusts={[]}
        initialErrors={check === "1" && d.permissions.canSubmit ? submitProblems(d) : undefined}
      />
    </div>
  );
}
