import type { Metadata } from "next";
import { requireActor } from "@/lib/auth";
import { DashboardPage, loadContext, type SearchParams } from "../_components/dashboard";

export const metadata: Metadata = { title: "National dashboard" };

export default async function NationalDashboard({ searchParams }: { searchParams: SearchParams }) {
  const actor = await requireActor();
  const view = { kind: "national" as const };
  const context = await loadContext(actor, view);
  return (
    <DashboardPage
      actor={actor}
      view={view}
      context={context}
      searchParams={searchParams}
      caption="All Integrated Care Systems (ICSs)"
      heading="National dashboard"
      intro={
        <>
          <p className="mb-3">
            Aggregate patterns across every ICS, by ICS, trust type, category and quarter. No decision&apos;s text and no figure
            for a single trust or Chief Executive is shown here.
          </p>
          <p>
            To protect individual decisions, any count of 1 or 2 is shown as &ldquo;fewer than 3&rdquo;, and a figure that would
            let such a count be worked out by subtraction is &ldquo;not shown&rdquo;. To protect individual trusts, nothing is
            shown when fewer than 3 trusts match the filters, nor for a trust type or ICS with fewer than 3 trusts.
          </p>
        </>
      }
    />
  );
}
