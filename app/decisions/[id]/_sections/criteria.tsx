import { InsetText } from "@/app/_components/ui";
import { formatDate } from "@/lib/format";
import type { SectionProps } from "./types";

/** The success criteria, and whether they are frozen. */
export function DecisionCriteria({ d }: SectionProps) {
  return (
    <section aria-labelledby="criteria-heading" className="mb-10">
      <h2 id="criteria-heading" className="mb-4 text-2xl">
        Success criteria
      </h2>
      {d.version > 0 && d.frozenAt ? (
        <InsetText>
          These criteria were fixed on {formatDate(d.frozenAt)} (version {d.version}) and cannot change without a new version.
        </InsetText>
      ) : null}
      {d.criteria.length === 0 ? (
        <p>No success criteria yet{d.permissions.canEdit ? " — add at least one before you submit for sign-off" : ""}.</p>
      ) : (
        <div className="relative overflow-x-auto" role="region" aria-label="Success criteria" tabIndex={0}>
          <table className="nhs-table">
            <caption className="sr-only">Success criteria</caption>
            <thead>
              <tr>
                <th scope="col">Statement</th>
                <th scope="col">Measure</th>
                <th scope="col">Baseline</th>
                <th scope="col">Target</th>
                <th scope="col">Judged by</th>
              </tr>
            </thead>
            <tbody>
              {d.criteria.map((c) => (
                <tr key={c.id}>
                  <td className="prose-text">{c.statement}</td>
                  <td className="prose-text">{c.measure}</td>
                  <td className="prose-text">{c.baseline}</td>
                  <td className="prose-text">{c.target}</td>
                  <td className="whitespace-nowrap">{c.judgedBy ? formatDate(c.judgedBy) : "Not given"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
