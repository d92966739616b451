import { PlainText, SummaryList } from "@/app/_components/ui";
import { CATEGORY_LABELS, FACTOR_LABELS, FAVOURED_LABELS, FINANCIAL_POSITION_LABELS, ORG_ROLE_LABELS, VISIBILITY_LABELS, type CategoryId, type FactorId } from "@/lib/decisions/taxonomy";
import { formatDate, formatImpactK, formatMoneyK, formatMoneyM } from "@/lib/format";
import type { SectionProps } from "./types";

const none = <span className="text-nhs-secondary">Not given</span>;

/** Everything recorded about the decision, as text. */
export function DecisionDetails({ d }: SectionProps) {
  const change = d.permissions.canEdit || d.permissions.canAmend ? (field: string) => ({ href: `/decisions/${d.id}/edit#field-${field}`, label: "Change" }) : () => undefined;
  const money = d.context.financialAmountM;
  return (
    <section aria-labelledby="details-heading" className="mb-10">
      <h2 id="details-heading" className="mb-4 text-2xl">
        The decision
      </h2>
      <SummaryList
        rows={[
          { key: "Summary", value: <PlainText>{d.summary}</PlainText>, action: change("summary") },
          { key: "Date decided", value: d.decidedOn ? formatDate(d.decidedOn) : none, action: change("decidedOn") },
          { key: "Favoured", value: d.favoured ? FAVOURED_LABELS[d.favoured] : none, action: change("favoured") },
          { key: "Category", value: d.category ? CATEGORY_LABELS[d.category as CategoryId] : none, action: change("category") },
          {
            key: "Trust's position at the time",
            value: (
              <>
                <p>
                  {d.context.financialPosition ? FINANCIAL_POSITION_LABELS[d.context.financialPosition] : "Financial position not given"}
                  {money !== null && money !== 0 ? `, ${formatMoneyM(Math.abs(money))}` : ""}
                </p>
                {d.context.regulatorRating ? <p>Regulator rating: {d.context.regulatorRating}</p> : null}
                {d.context.notes ? <PlainText>{d.context.notes}</PlainText> : null}
              </>
            ),
            action: change("context-financialPosition"),
          },
          { key: "Options considered", value: <PlainText>{d.options}</PlainText>, action: change("options") },
          { key: "Rationale", value: <PlainText>{d.rationale}</PlainText>, action: change("rationale") },
          {
            key: "Factors weighed",
            value: d.factors.length ? (
              <ul className="list-disc pl-5">
                {d.factors.map((f) => (
                  <li key={f}>{FACTOR_LABELS[f as FactorId] ?? f}</li>
                ))}
              </ul>
            ) : (
              none
            ),
            action: change("factors"),
          },
          {
            key: "Estimated impact on the trust",
            value: (
              <>
                <p>{d.impactOnTrust.amountK !== null ? formatImpactK(d.impactOnTrust.amountK, "trust") : "Amount not given"}</p>
                {d.impactOnTrust.text ? <PlainText>{d.impactOnTrust.text}</PlainText> : null}
              </>
            ),
            action: change("impactOnTrust-amountK"),
          },
          {
            key: "Estimated impact on the system",
            value: (
              <>
                <p>{d.impactOnSystem.amountK !== null ? formatImpactK(d.impactOnSystem.amountK, "system") : "Amount not given"}</p>
                {d.impactOnSystem.text ? <PlainText>{d.impactOnSystem.text}</PlainText> : null}
              </>
            ),
            action: change("impactOnSystem-amountK"),
          },
          {
            key: "Organisations that benefit or bear the cost",
            value: d.organisations.length ? (
              <ul className="list-disc pl-5">
                {d.organisations.map((o) => (
                  <li key={o.ods + o.role}>
                    {o.name} ({o.ods}): {ORG_ROLE_LABELS[o.role].toLowerCase()}
                    {o.amountK !== null ? `, ${formatMoneyK(o.amountK)}` : ""}
                  </li>
                ))}
              </ul>
            ) : (
              none
            ),
          },
          { key: "Who can see it", value: VISIBILITY_LABELS[d.visibility], action: change("visibility") },
        ]}
      />
    </section>
  );
}
