import type { Actor } from "@/lib/access";
import { formatDate } from "@/lib/format";
import { OUTCOME_LABELS, type OutcomeId } from "@/lib/decisions/taxonomy";
import { getOutcomesPanel } from "@/lib/outcomes";
import { PlainText, Tag, type TagColour } from "@/app/_components/ui";
import { OutcomeForm } from "./outcome-form";

const OUTCOME_COLOURS: Record<OutcomeId, TagColour> = { met: "green", partly_met: "yellow", not_met: "red", unknown: "grey" };

/** Success criteria against their outcomes: the latest assessment counts, earlier ones stay listed. */
export async function OutcomesPanel({ actor, decisionId }: { actor: Actor; decisionId: string }) {
  const panel = await getOutcomesPanel(actor, decisionId);
  const { status } = panel.decision;
  const open = status === "signed_off" || status === "reviewed";
  return (
    <section aria-labelledby="outcomes-heading" className="nhs-panel mb-8">
      <h2 id="outcomes-heading" className="mb-4 text-2xl">
        Success criteria and outcomes
      </h2>
      {!open ? <p className="mb-4">Outcomes can be recorded once the board has signed the decision off.</p> : null}
      {status === "reviewed" ? <p className="mb-4">Every criterion has been assessed. A newer assessment can still be added; earlier ones are kept.</p> : null}
      {panel.criteria.length === 0 ? <p>No success criteria.</p> : null}
      <ol className="space-y-6">
        {panel.criteria.map((c, i) => {
          const latest = c.outcomes[0];
          return (
            <li key={c.id} className="border border-nhs-border bg-white p-4">
              <h3 className="mb-2 text-xl">
                Criterion {i + 1}: <span className="font-normal">{c.statement}</span>
              </h3>
              <dl className="mb-2 grid gap-x-4 text-base sm:grid-cols-[max-content_1fr]">
                {c.measure ? (
                  <>
                    <dt className="font-semibold">Measure</dt>
                    <dd>{c.measure}</dd>
                  </>
                ) : null}
                {c.baseline ? (
                  <>
                    <dt className="font-semibold">Baseline</dt>
                    <dd>{c.baseline}</dd>
                  </>
                ) : null}
                {c.target ? (
                  <>
                    <dt className="font-semibold">Target</dt>
                    <dd>{c.target}</dd>
                  </>
                ) : null}
                <dt className="font-semibold">Judged by</dt>
                <dd>{c.judgedBy ? formatDate(c.judgedBy) : "No date set"}</dd>
              </dl>
              <p className="mb-2">
                {latest ? (
                  <>
                    Outcome: <Tag colour={OUTCOME_COLOURS[latest.outcome]}>{OUTCOME_LABELS[latest.outcome]}</Tag>
                  </>
                ) : c.due ? (
                  <Tag colour="yellow">Review due</Tag>
                ) : (
                  <Tag>Not yet assessed</Tag>
                )}
              </p>
              {c.outcomes.length ? (
                <ul className="space-y-2">
                  {c.outcomes.map((o, k) => (
                    <li key={o.id} className={k === 0 ? "" : "text-nhs-secondary"}>
                      <p className="text-base">
                        {k === 0 ? "Latest" : "Earlier"}: {OUTCOME_LABELS[o.outcome]}, assessed on {formatDate(o.assessedOn)} by {o.assessedBy}
                      </p>
                      {o.actualValue ? (
                        <p className="text-base">
                          Actual: <strong>{o.actualValue}</strong>
                          {c.target ? <> (target: {c.target})</> : null}
                        </p>
                      ) : null}
                      {o.evidenceUrl ? (
                        <p className="text-base">
                          <a href={o.evidenceUrl} rel="noopener noreferrer">
                            Evidence document<span className="sr-only"> for criterion {i + 1}</span>
                          </a>
                        </p>
                      ) : null}
                      <PlainText>{o.evidence}</PlainText>
                    </li>
                  ))}
                </ul>
              ) : null}
              {panel.canRecord ? (
                <OutcomeForm
                  decisionId={panel.decision.id}
                  criterionId={c.id}
                  number={i + 1}
                  today={panel.today}
                  target={c.target}
                  judgedBy={c.judgedBy}
                  judgedByText={c.judgedBy ? formatDate(c.judgedBy) : ""}
                />
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
