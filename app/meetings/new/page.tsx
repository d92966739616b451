import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { listMeetingTrusts } from "@/lib/meetings";
import { NewMeetingForm } from "./new-meeting-form";

export const metadata: Metadata = { title: "Create a meeting" };

export default async function NewMeetingPage() {
  const actor = await requireActor();
  const trusts = await listMeetingTrusts(actor);
  if (!trusts.length) notFound();
  return (
    <div className="max-w-3xl">
      <BackLink href="/meetings">Back to meetings</BackLink>
      <PageHeading caption={trusts.length === 1 ? trusts[0].name : undefined}>Create a meeting</PageHeading>
      <NewMeetingForm trusts={trusts} />
    </div>
  );
}
