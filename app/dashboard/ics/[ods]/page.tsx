import type { Metadata } from "next";
import { requireActor } from "@/lib/auth";
import { DashboardPage, loadContext, type SearchParams } from "../../_components/dashboard";

export const metadata: Metadata = { title: "ICS dashboard" };

export default async function IcsDashboard({ params, searchParams }: { params: Promise<{ ods: string }>; searchParams: SearchParams }) {
  const actor = await requireActor();
  const { ods } = await params;
  const view = { kind: "ics" as const, ods: ods.toUpperCase() };
  const context = await loadContext(actor, view);
  return (
    <DashboardPage
      actor={actor}
      view={view}
      context={context}
      searchParams={searchParams}
      caption={context.name}
      heading="Integrated Care System (ICS) dashboard"
      intro={
        <p>
          The balance between the system and its trusts across every trust of the ICS. Figures count every submitted decision of
          those trusts, including those visible to their own board only; the register lists only the decisions shared with the
          system. Select a figure to see the decisions behind it.
        </p>
      }
    />
  );
}
