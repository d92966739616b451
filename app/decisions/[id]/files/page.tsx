import type { Metadata } from "next";
import { BackLink, InsetText, PageHeading } from "@/app/_components/ui";
import { listDecisionFiles } from "@/lib/attachments";
import { requireActor } from "@/lib/auth";
import { getDecision } from "@/lib/decisions";
import { OUTCOME_LABELS } from "@/lib/decisions/taxonomy";
import { formatDate } from "@/lib/format";
import { getOutcomesPanel } from "@/lib/outcomes";
import { orNotFound } from "@/lib/page-errors";
import { FileTable } from "../_sections/files";
import { RemoveDecisionFileButton, UploadDecisionFileForm, UploadOutcomeFileForm } from "./file-forms";

export const metadata: Metadata = { title: "Evidence files" };

const DONE: Record<string, string> = {
  added: "The file was added.",
  removed: "The file was removed.",
  evidence: "The evidence was added to the assessment.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ done?: string }> };

/** A decision's evidence files: the Chief Executive adds and removes them; readers download them. */
export default async function FilesPage({ params, searchParams }: Props) {
  const [{ id }, { done }] = await Promise.all([params, searchParams]);
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  const [files, outcomes] = await Promise.all([
    listDecisionFiles(actor, d.id),
    d.status === "signed_off" || d.status === "reviewed" ? getOutcomesPanel(actor, d.id) : Promise.resolve(null),
  ]);
  const canChange = d.permissions.canEdit || d.permissions.canAmend;
  const assessments = (outcomes?.criteria ?? []).flatMap((c, i) =>
    c.outcomes.map((o) => ({ value: o.id, label: `Criterion ${i + 1}: ${OUTCOME_LABELS[o.outcome]}, assessed ${formatDate(o.assessedOn)}` })),
  );
  return (
    <div className="max-w-3xl">
      <BackLink href={`/decisions/${d.id}`}>Back to the decision</BackLink>
      <PageHeading caption={d.title}>Evidence files</PageHeading>
      {done && DONE[done] ? (
        <p role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-semibold">
          {DONE[done]}
        </p>
      ) : null}
      {d.permissions.canAmend ? (
        <InsetText>
          Files are part of the decision&apos;s version. Adding or removing one now makes version {d.version + 1}, and the board is asked to
          sign off again; positions on version {d.version} stay in the record.
        </InsetText>
      ) : null}

      <section aria-labelledby="decision-files-heading" className="mb-10">
        <h2 id="decision-files-heading" className="mb-4 text-2xl">
          Files of the decision
        </h2>
        <FileTable
          files={files.decisionFiles}
          caption="Files of the decision"
          empty={canChange ? "No files yet — upload a business case, finance model or options appraisal below." : "No files."}
          action={canChange ? (f) => <RemoveDecisionFileButton id={d.id} baseRevision={d.revision} fileId={f.id} name={f.name} /> : undefined}
        />
        {canChange ? (
          <div className="mt-6">
            <UploadDecisionFileForm id={d.id} baseRevision={d.revision} amends={d.permissions.canAmend} />
          </div>
        ) : null}
      </section>

      {outcomes ? (
        <section aria-labelledby="outcome-files-heading" className="mb-10">
          <h2 id="outcome-files-heading" className="mb-4 text-2xl">
            Evidence for the outcomes
          </h2>
          <FileTable files={files.outcomeFiles} caption="Evidence for the outcomes" empty="No evidence files yet." />
          {outcomes.canRecord ? (
            assessments.length ? (
              <div className="mt-6">
                <UploadOutcomeFileForm id={d.id} assessments={assessments} />
              </div>
            ) : (
              <p className="mt-4">Record an outcome first, then add the evidence for it here.</p>
            )
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
