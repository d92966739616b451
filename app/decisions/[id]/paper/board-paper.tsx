// The print-ready board paper (presentational): the page beside it loads the DTO through
// buildBoardPaper; the PDF (lib/board-paper/pdf.ts) shows the same content.
import { ratificationWords } from "@/lib/chairs-action-words";
import { formatDate, formatDateTime, formatImpactK, formatMoneyK } from "@/lib/format";
import {
  CATEGORY_LABEL,
  FACTOR_LABEL,
  FAVOURED_LABEL,
  FORUM_LABEL,
  ORG_ROLE_LABEL,
  OUTCOME_LABEL,
  POSITION_LABEL,
  SEAT_LABEL,
  STATUS_LABEL,
  contextLine,
  countingLine,
  riskLines,
} from "@/lib/board-paper/labels";
import { labelOfType } from "@/lib/attachments/sniff";
import type { BoardPaper as BoardPaperDto } from "@/lib/board-paper/types";
import { formatBytes } from "@/lib/decisions/diff";
import { PlainText, SummaryList } from "../../../_components/ui";

/** Text sections keep a readable line length; wide ones (the sign-off table) use the whole page. */
function Section({ id, title, wide, children }: { id: string; title: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className={`mb-8 break-inside-avoid-page ${wide ? "" : "max-w-3xl print:max-w-none"}`}>
      <h2 id={id} className="mb-3 text-2xl print:text-xl">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function BoardPaper({ paper }: { paper: BoardPaperDto }) {
  const ctx = contextLine(paper.context);
  return (
    <article className="max-w-5xl print:max-w-none print:text-[11pt]" aria-labelledby="paper-title">
      <div className="max-w-3xl print:max-w-none">
        <p className="text-lg text-nhs-secondary">
          {paper.trust.name} ({paper.trust.ods}) · Board paper
        </p>
        <h1 id="paper-title" className="mb-6 text-3xl sm:text-4xl print:text-2xl">
          {paper.title}
        </h1>
        <SummaryList
          rows={[
            { key: "Status", value: ratificationWords(STATUS_LABEL[paper.status] ?? paper.status, paper.ratification) },
            { key: "Favours", value: paper.favoured ? FAVOURED_LABEL[paper.favoured] : "Not yet chosen" },
            { key: "Category", value: paper.category ? (CATEGORY_LABEL[paper.category] ?? paper.category) : "Not yet chosen" },
            { key: "Decided on", value: formatDate(paper.decidedOn) || "Not given" },
            { key: "Version", value: String(paper.version) },
          ]}
        />
      </div>
      <Section id="p-summary" title="Summary">
        <PlainText>{paper.summary}</PlainText>
      </Section>
      <Section id="p-context" title="Context at the time">
        {ctx ? <p className="mb-2">{ctx}</p> : null}
        <PlainText>{paper.context.notes}</PlainText>
      </Section>
      <Section id="p-options" title="Options considered">
        <PlainText>{paper.options}</PlainText>
      </Section>
      <Section id="p-rationale" title="Rationale">
        <PlainText>{paper.rationale}</PlainText>
      </Section>
      <Section id="p-factors" title="Factors weighed">
        {paper.factors.length ? (
          <ul className="list-disc pl-6">
            {paper.factors.map((f) => (
              <li key={f}>{FACTOR_LABEL[f] ?? f}</li>
            ))}
          </ul>
        ) : (
          <p>None recorded.</p>
        )}
      </Section>
      <Section id="p-impact" title="Estimated impact">
        <SummaryList
          rows={[
            { key: "On the trust", value: [formatImpactK(paper.impactOnTrust.amountK, "trust"), paper.impactOnTrust.text].filter(Boolean).join(". ") || "Not given" },
            { key: "On the system", value: [formatImpactK(paper.impactOnSystem.amountK, "system"), paper.impactOnSystem.text].filter(Boolean).join(". ") || "Not given" },
          ]}
        />
      </Section>
      <Section id="p-orgs" title="Who benefits and who bears the cost">
        {paper.organisations.length ? (
          <table className="nhs-table">
            <caption className="sr-only">Organisations that benefit or bear the cost</caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Effect</th>
                <th scope="col" className="num">
                  Amount
                </th>
              </tr>
            </thead>
            <tbody>
              {paper.organisations.map((o) => (
                <tr key={o.ods + o.role}>
                  <td>
                    {o.name} ({o.ods})
                  </td>
                  <td>{ORG_ROLE_LABEL[o.role]}</td>
                  <td className="num">{o.amountK !== null ? formatMoneyK(o.amountK) : "Not given"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No organisations named.</p>
        )}
      </Section>
      {paper.riskAppetite ? <RiskSection paper={paper} /> : null}
      {paper.files.length ? (
        <Section id="p-files" title="Evidence files">
          <ul className="list-disc space-y-2 pl-6">
            {paper.files.map((f) => (
              <li key={f.sha256 + f.name}>
                {f.name} ({labelOfType(f.type)}, {formatBytes(f.size)}).{" "}
                <span className="text-sm break-all">SHA-256 {f.sha256}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <Section id="p-criteria" title="Success criteria and outcomes">
        {paper.criteria.length ? (
          <ol className="list-decimal space-y-4 pl-6">
            {paper.criteria.map((c, i) => (
              <li key={i}>
                <p className="font-semibold">{c.statement}</p>
                <p className="text-nhs-secondary">
                  {[c.measure && `Measure: ${c.measure}`, c.baseline && `Baseline: ${c.baseline}`, c.target && `Target: ${c.target}`, c.judgedBy && `Judged by ${formatDate(c.judgedBy)}`]
                    .filter(Boolean)
                    .join(" · ")}
                </p>
                <p>
                  {c.outcome
                    ? `Outcome: ${OUTCOME_LABEL[c.outcome.outcome]} (assessed by ${c.outcome.assessedBy} on ${formatDate(c.outcome.assessedOn)}). ${c.outcome.evidence}`
                    : "Outcome: not yet assessed."}
                </p>
              </li>
            ))}
          </ol>
        ) : (
          <p>No criteria recorded.</p>
        )}
      </Section>
      <Section id="p-signoff" title="Sign-off record" wide>
        {paper.signOff.signedOffAt ? <p className="mb-2">Signed off on {formatDateTime(paper.signOff.signedOffAt)}.</p> : null}
        {paper.signOff.declinedAt ? (
          <p className="mb-2">
            Declined by the Chair on {formatDateTime(paper.signOff.declinedAt)}. {paper.signOff.declineReason}
          </p>
        ) : null}
        <p className="mb-2" data-testid="paper-counting">{countingLine(paper)}</p>
        {paper.positions.length ? (
          <>
            {/* On a phone six columns do not fit: the same record as a list (display:none hides the other from everyone). */}
            <ul className="border-t border-nhs-border sm:hidden">
              {paper.positions.map((p, i) => (
                <li key={i} className="border-b border-nhs-border py-3">
                  <p className="font-semibold">
                    {p.memberName}, {SEAT_LABEL[p.seat]}: {POSITION_LABEL[p.position]}
                    {p.superseded ? <span className="font-normal text-nhs-secondary"> (replaced later)</span> : null}
                  </p>
                  <p className="text-nhs-secondary">
                    {FORUM_LABEL[p.forum]}, {formatDateTime(p.recordedAt)}, version {p.version}
                  </p>
                  <p>{p.conflict ? `Conflict declared: ${p.conflict}` : "No conflict declared"}</p>
                  <p>{p.counts ? "Counts toward sign-off" : `Not counted: ${(p.notCountedReason ?? "").toLowerCase()}`}</p>
                  {p.comment ? <p className="prose-text">Comment: {p.comment}</p> : null}
                </li>
              ))}
            </ul>
            <div className="relative hidden overflow-x-auto sm:block" role="region" aria-label="Sign-off record" tabIndex={0}>
              <table className="nhs-table">
                <caption className="sr-only">Each board member&apos;s position</caption>
                <thead>
                  <tr>
                    <th scope="col">Member</th>
                    <th scope="col">Position</th>
                    <th scope="col">Forum</th>
                    <th scope="col">Declaration</th>
                    <th scope="col">Comment</th>
                    <th scope="col" className="num">
                      Version
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {paper.positions.map((p, i) => (
                    <tr key={i}>
                      <td>
                        {p.memberName}
                        <br />
                        <span className="text-nhs-secondary">{SEAT_LABEL[p.seat]}</span>
                      </td>
                      <td>
                        {POSITION_LABEL[p.position]}
                        {p.superseded ? <span className="block text-nhs-secondary">Replaced later</span> : null}
                        <span className="block text-nhs-secondary">{p.counts ? "Counts toward sign-off" : `Not counted: ${(p.notCountedReason ?? "").toLowerCase()}`}</span>
                      </td>
                      <td>
                        {FORUM_LABEL[p.forum]}
                        <span className="block text-nhs-secondary">{formatDateTime(p.recordedAt)}</span>
                      </td>
                      <td>{p.conflict ? `Conflict declared: ${p.conflict}` : "None"}</td>
                      <td className="prose-text">{p.comment || "—"}</td>
                      <td className="num">{p.version}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : (
          <p>No positions recorded.</p>
        )}
      </Section>
      <Section id="p-integrity" title="Record integrity">
        <p className="mb-3 max-w-prose">
          The content hash is the SHA-256 of this version&apos;s canonical content; the audit chain head is the latest event of the trust&apos;s
          tamper-evident audit chain when this paper was generated.
        </p>
        <SummaryList
          rows={[
            { key: "Decision", value: <code className="font-mono break-all">{paper.decisionId}</code> },
            { key: "Version", value: String(paper.version) },
            { key: "Content hash", value: <code className="font-mono break-all">{paper.contentHash ?? "None (never submitted)"}</code> },
            { key: "Audit chain head", value: <code className="font-mono break-all">{paper.auditHeadHash}</code> },
            { key: "Generated", value: formatDateTime(paper.generatedAt) },
          ]}
        />
      </Section>
    </article>
  );
}

/** The risk taken and the board's appetite, with the gate in words (the PDF says the same, lib/board-paper/labels.ts riskLines). */
function RiskSection({ paper }: { paper: BoardPaperDto }) {
  const r = riskLines(paper.riskAppetite, paper.version > 0);
  return (
    <Section id="p-risk" title="Risk and the board's appetite">
      {r.outside.length ? (
        <div className="mb-3 border-l-4 border-nhs-red pl-3" data-testid="paper-outside-appetite">
          {r.outside.map((line) => (
            <p key={line} className="font-semibold">
              {line}
            </p>
          ))}
          <p>{r.gate}</p>
        </div>
      ) : null}
      <ul className="list-disc space-y-1 pl-6">
        {r.risks.map((line) => (
          <li key={line} className="break-words">
            {line}
          </li>
        ))}
      </ul>
      <p className="mt-2">{r.compared}</p>
    </Section>
  );
}
