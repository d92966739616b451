import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { PageHeading, PlainText, Tag } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-errors";
import { getRiskAppetite, RISK_DOMAINS, RISK_DOMAIN_LABELS, RISK_LEVEL_HINTS, RISK_LEVEL_LABELS, RISK_LEVELS } from "@/lib/risk-appetite";
import { RiskAppetiteForm } from "./risk-appetite-form";

export const metadata: Metadata = { title: "Risk appetite" };

export default async function RiskAppetitePage({ params, searchParams }: { params: Promise<{ ods: string }>; searchParams: Promise<{ saved?: string }> }) {
  const actor = await requireActor();
  const { ods } = await params;
  const { saved } = await searchParams;
  const view = await orNotFound(getRiskAppetite(actor, ods));
  const byDomain = new Map(view.current?.levels.map((l) => [l.domain, l]) ?? []);
  return (
    <div className="max-w-3xl">
      <PageHeading caption={view.trust.name}>Risk appetite</PageHeading>
      {saved && view.current ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4">
          Version {view.current.version} of the risk appetite has been saved.
        </div>
      ) : null}
      <p className="mb-4">
        How much risk the board will take in each domain, on the Good Governance Institute&apos;s scale. When a decision is submitted or amended, the risk it takes in each domain is compared with
        the appetite in force: a decision above the appetite in any domain is <strong>outside the board&apos;s appetite</strong>, and needs the Chair&apos;s support to be signed off, whatever the
        trust&apos;s sign-off policy says. A domain with no appetite stated is never flagged.
      </p>
      {view.current ? (
        <>
          <h2 className="mb-2 text-2xl font-bold">In force: version {view.current.version}</h2>
          <p className="nhs-hint mb-4">
            Set on {formatDateTime(view.current.createdAt)} by {view.current.createdBy}.{" "}
            <Link href={`/trusts/${view.trust.ods}/risk-appetite/versions`}>Every version</Link>
          </p>
          <dl className="mb-8">
            {RISK_DOMAINS.map((d) => {
              const l = byDomain.get(d);
              return (
                <div key={d} className="border-b border-nhs-border py-3">
                  <dt className="font-bold">{RISK_DOMAIN_LABELS[d]}</dt>
                  <dd>
                    {l ? (
                      <>
                        <Tag colour="blue">{RISK_LEVEL_LABELS[l.level]}</Tag> <PlainText>{l.statement}</PlainText>
                      </>
                    ) : (
                      <span className="text-nhs-secondary">No appetite stated: decisions are not compared in this domain.</span>
                    )}
                  </dd>
                </div>
              );
            })}
          </dl>
        </>
      ) : (
        <p className="mb-8 border-l-4 border-nhs-secondary pl-4">
          The board has not set a risk appetite yet, so no decision is flagged as outside it.
        </p>
      )}
      <details className="mb-8">
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">What the levels mean</summary>
        <dl className="mt-3">
          {RISK_LEVELS.map((l) => (
            <div key={l} className="mb-2">
              <dt className="font-bold">{RISK_LEVEL_LABELS[l]}</dt>
              <dd>{RISK_LEVEL_HINTS[l]}</dd>
            </div>
          ))}
        </dl>
      </details>
      {view.canSet ? (
        <>
          <h2 className="mb-4 text-2xl font-bold">{view.current ? "Change the risk appetite" : "Set the risk appetite"}</h2>
          <p className="mb-4">Saving makes a new dated version; the earlier ones stay readable, and decisions keep the version they were compared with.</p>
          <RiskAppetiteForm
            ods={view.trust.ods}
            baseVersion={view.current?.version ?? 0}
            current={Object.fromEntries([...byDomain].map(([d, l]) => [d, { level: l.level, statement: l.statement }]))}
          />
        </>
      ) : (
        <p className="nhs-hint">The Chair or the Company Secretary sets the board&apos;s risk appetite.</p>
      )}
    </div>
  );
}
