import type { Metadata } from "next";
import { BackLink, PageHeading, PlainText, Tag } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-errors";
import { listRiskAppetiteVersions, RISK_DOMAINS, RISK_DOMAIN_LABELS, RISK_LEVEL_LABELS } from "@/lib/risk-appetite";

export const metadata: Metadata = { title: "Risk appetite: every version" };

export default async function RiskAppetiteVersionsPage({ params }: { params: Promise<{ ods: string }> }) {
  const actor = await requireActor();
  const { ods } = await params;
  const { trust, versions } = await orNotFound(listRiskAppetiteVersions(actor, ods));
  return (
    <div className="max-w-3xl">
      <BackLink href={`/trusts/${trust.ods}/risk-appetite`}>Back to the risk appetite</BackLink>
      <PageHeading caption={trust.name}>Risk appetite: every version</PageHeading>
      {versions.length === 0 ? <p>The board has not set a risk appetite yet.</p> : null}
      {versions.map((v, i) => (
        <section key={v.version} id={`version-${v.version}`} aria-labelledby={`version-${v.version}-title`} className="mb-8 border-b-2 border-nhs-border pb-4">
          <h2 id={`version-${v.version}-title`} className="mb-1 text-2xl font-bold">
            Version {v.version} {i === 0 ? <Tag colour="green">In force</Tag> : null}
          </h2>
          <p className="nhs-hint mb-3">
            Set on {formatDateTime(v.createdAt)} by {v.createdBy}
            {v.note ? "." : ""}
          </p>
          {v.note ? <PlainText className="mb-3 block">{v.note}</PlainText> : null}
          <table className="w-full table-fixed border-collapse text-left">
            <caption className="sr-only">Version {v.version}: appetite by domain</caption>
            <thead>
              <tr className="border-b border-nhs-secondary">
                <th scope="col" className="w-2/5 py-2 pr-2">Domain</th>
                <th scope="col" className="py-2">Appetite</th>
              </tr>
            </thead>
            <tbody>
              {RISK_DOMAINS.map((d) => {
                const l = v.levels.find((x) => x.domain === d);
                return (
                  <tr key={d} className="border-b border-nhs-border align-top">
                    <th scope="row" className="py-2 pr-2 font-normal break-words">{RISK_DOMAIN_LABELS[d]}</th>
                    <td className="py-2 break-words">
                      {l ? (
                        <>
                          <strong>{RISK_LEVEL_LABELS[l.level]}</strong>: <PlainText>{l.statement}</PlainText>
                        </>
                      ) : (
                        "No appetite stated"
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}
