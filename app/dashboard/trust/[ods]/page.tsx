import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth";
import { DashboardPage, loadContext, type SearchParams } from "../../_components/dashboard";

export const metadata: Metadata = { title: "Trust dashboard" };

export default async function TrustDashboard({ params, searchParams }: { params: Promise<{ ods: string }>; searchParams: SearchParams }) {
  const actor = await requireActor();
  const { ods } = await params;
  const view = { kind: "trust" as const, ods: ods.toUpperCase() };
  const context = await loadContext(actor, view);
  return (
    <DashboardPage
      actor={actor}
      view={view}
      context={context}
      searchParams={searchParams}
      caption={context.name}
      heading="Trust dashboard"
      intro={
        <p>
          The patterns in this trust&apos;s decisions: which side each favoured, what was weighed, whether success criteria were
          met, and how sign-off is going. Every figure counts the trust&apos;s submitted decisions (never drafts) and links to the
          decisions behind it. The board&apos;s <Link href={`/trusts/${view.ods}/risk-appetite`}>risk appetite</Link> sets which decisions are outside it.
        </p>
      }
    />
  );
}
