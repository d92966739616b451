import Link from "@/app/_components/link";
import { isInsider, type Actor } from "@/lib/access";
import { RISK_DOMAIN_LABELS, RISK_LEVEL_LABELS, isRiskDomain, isRiskLevel, outsideSentence } from "@/lib/risk-appetite/taxonomy";
import { PlainText } from "@/app/_components/ui";
import type { SectionProps } from "./types";

const domainLabel = (d: string) => (isRiskDomain(d) ? RISK_DOMAIN_LABELS[d] : d);
const levelLabel = (l: string) => (isRiskLevel(l) ? RISK_LEVEL_LABELS[l] : l);

/** The risk the decision takes per domain, and (once submitted) how it compared with the board's appetite: the gate, in words. */
export function DecisionRisk({ d, actor }: SectionProps & { actor: Actor }) {
  const r = d.riskAppetite;
  if (!r) return null;
  const frozen = d.version > 0;
  const appetiteHref = isInsider(actor, d.trust.id) ? `/trusts/${d.trust.ods}/risk-appetite` : null;
  return (
    <section aria-labelledby="risk-heading" className="mb-10">
      <h2 id="risk-heading" className="mb-4 text-2xl">
        Risk and the board&apos;s appetite
      </h2>
      {frozen && r.outside.length ? (
        <div className="mb-4 border-l-8 border-nhs-red bg-white p-4" data-testid="outside-appetite">
          <p className="mb-2 text-lg font-bold">Outside the board&apos;s risk appetite</p>
          <ul className="mb-2 list-disc pl-5">
            {r.outside.map((o) => (
              <li key={o.domain}>{outsideSentence(o)}</li>
            ))}
          </ul>
          <p>
            It needs the Chair&apos;s support to be signed off, whatever the trust&apos;s sign-off policy says, and it cannot be signed off by Chair&apos;s action.
          </p>
        </div>
      ) : null}
      <table className="nhs-table mb-4 w-full table-fixed">
        <caption className="sr-only">Risk this decision takes, by domain</caption>
        <thead>
          <tr>
            <th scope="col" className="w-1/3">Domain</th>
            <th scope="col" className="w-1/4">Risk taken</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {r.risks.map((x) => (
            <tr key={x.domain}>
              <th scope="row" className="font-normal break-words">{domainLabel(x.domain)}</th>
              <td className="break-words">{levelLabel(x.level)}</td>
              <td className="break-words">
                <PlainText>{x.reason}</PlainText>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="nhs-hint">
        {!frozen
          ? "Compared with the board's risk appetite in force when the decision is submitted."
          : r.statementVersion === null
            ? "The board had no risk appetite statement in force when this version was frozen, so no domain is flagged."
            : `Compared with version ${r.statementVersion} of the board's risk appetite${r.outside.length ? "" : ": within it in every domain"}. A domain where the board states no appetite is not flagged.`}{" "}
        {appetiteHref ? <Link href={appetiteHref}>The board&apos;s risk appetite</Link> : null}
      </p>
    </section>
  );
}
