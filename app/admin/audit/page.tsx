import { checkAuditChains } from "@/lib/admin";
import { combinedHeadHash } from "@/lib/audit-report";
import { formatDateTime } from "@/lib/format";
import { BackLink, PageHeading, Tag } from "../../_components/ui";
import { requireAdmin } from "../guard";

export const metadata = { title: "Audit chain – Administration" };
export const dynamic = "force-dynamic";

export default async function AuditPage() {
  const actor = await requireAdmin();
  const report = await checkAuditChains(actor);
  const name = (chain: string) => report.chainNames[chain] ?? chain;
  return (
    <>
      <BackLink href="/admin">Administration</BackLink>
      <PageHeading>Audit chain</PageHeading>
      <p className="mb-6 max-w-prose">
        Every change in Fulcrum is recorded as an audit event that carries the hash of the event before it, one chain per organisation. This page
        recomputes every hash now: a changed or deleted event breaks its chain at that point.
      </p>
      {report.firstBroken ? (
        <div role="alert" className="mb-8 border-4 border-nhs-red bg-white p-4">
          <h2 className="mb-2 text-2xl">The audit chain is broken</h2>
          <p className="mb-2">
            First broken link: <strong>{name(report.firstBroken.chain)}</strong>, event number <strong>{report.firstBroken.seq}</strong>.
          </p>
          <p className="mb-2">What differs: {report.firstBroken.problem}.</p>
          <p className="text-base text-nhs-secondary">
            Chain <code className="break-all">{report.firstBroken.chain}</code>
          </p>
        </div>
      ) : (
        <div role="status" className="nhs-inset mb-8">
          <p className="text-xl font-bold">
            Intact: {report.events.toLocaleString("en-GB")} events in {report.chains.length} chains.
          </p>
          <p className="text-base">
            Combined head hash (the same as <code>npm run audit:verify</code> prints; write it down to compare later):{" "}
            <code className="break-all" data-testid="combined-head-hash">
              {combinedHeadHash(report)}
            </code>
          </p>
          <p className="text-base">
            Checked {formatDateTime(report.checkedAt)} in {report.tookMs.toLocaleString("en-GB")} ms.
          </p>
        </div>
      )}
      <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="chains-caption">
        <table className="nhs-table">
          <caption id="chains-caption">Each chain and its head</caption>
          <thead>
            <tr>
              <th scope="col">Chain</th>
              <th scope="col">Result</th>
              <th scope="col" className="num">
                Events
              </th>
              <th scope="col">Head hash</th>
            </tr>
          </thead>
          <tbody>
            {report.chains.map((c) => (
              <tr key={c.chain}>
                <td>{name(c.chain)}</td>
                <td>
                  {c.broken ? (
                    <>
                      <Tag colour="red">Broken</Tag> at event {c.broken.seq}: {c.broken.problem}
                    </>
                  ) : (
                    <>
                      <Tag colour="green">Intact</Tag>
                      <span className="sr-only">: {c.events} events</span>
                    </>
                  )}
                </td>
                <td className="num">{c.events.toLocaleString("en-GB")}</td>
                <td className="font-mono text-sm break-all">{c.headHash}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
