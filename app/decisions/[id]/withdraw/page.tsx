import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { getDecision } from "@/lib/decisions";
import { orNotFound } from "@/lib/page-errors";
import { WithdrawForm } from "./withdraw-form";

export const metadata: Metadata = { title: "Withdraw a decision" };

export default async function WithdrawPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  const d = await orNotFound(getDecision(actor, id));
  if (!d.permissions.canWithdraw) notFound();
  return (
    <div className="max-w-3xl">
      <BackLink href={`/decisions/${d.id}`}>Back to the decision</BackLink>
      <PageHeading caption={d.title}>Withdraw the decision</PageHeading>
      <p className="mb-6">
        A withdrawn decision stays in the record, with its versions and timeline, but can no longer be signed off or changed.
      </p>
      <WithdrawForm id={d.id} baseRevision={d.revision} />
    </div>
  );
}
