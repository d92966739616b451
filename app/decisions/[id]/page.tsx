// PLACEHOLDER (sign-off branch): the lead replaces this page at merge with the decision record's page, which composes these panels.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { requireActor } from "@/lib/auth";
import { STATUS_COLOURS, STATUS_LABELS } from "@/lib/lifecycle";
import { getSignOffPanel } from "@/lib/sign-off";
import { BackLink, PageHeading, Tag } from "@/app/_components/ui";
import { OutcomesPanel } from "./_sections/outcomes-panel";
import { SignOffPanel } from "./_sections/sign-off-panel";

export const metadata: Metadata = { title: "Decision" };

export default async function DecisionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor();
  let heading;
  try {
    heading = (await getSignOffPanel(actor, id)).decision;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
  return (
    <>
      <BackLink href="/inbox">Back to inbox</BackLink>
      <PageHeading caption={heading.trustName}>{heading.title}</PageHeading>
      <p className="mb-6">
        <Tag colour={STATUS_COLOURS[heading.status]}>{STATUS_LABELS[heading.status]}</Tag> Version {heading.version}
      </p>
      <SignOffPanel actor={actor} decisionId={id} />
      <OutcomesPanel actor={actor} decisionId={id} />
    </>
  );
}
