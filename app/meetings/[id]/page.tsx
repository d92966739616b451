import type { Metadata } from "next";
import { BackLink, PageHeading, SummaryList, Tag } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { draftMinutesFrom, getMeeting, MEETING_STATUS_LABELS } from "@/lib/meetings";
import { orNotFound } from "@/lib/page-errors";
import { ActionForm } from "../_components/action-form";
import { issuePackAction, markHeldAction } from "../actions";
import { AgendaSection } from "./_sections/agenda";
import { MinutesSection } from "./_sections/minutes";
import { RecordSection } from "./_sections/record";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const actor = await requireActor();
  const v = await orNotFound(getMeeting(actor, id));
  return { title: v.meeting.title };
}

const STATUS_COLOUR = { planned: "yellow", held: "blue", minuted: "green" } as const;

export default async function MeetingPage({ params }: Props) {
  const { id } = await params;
  const actor = await requireActor();
  const v = await orNotFound(getMeeting(actor, id));
  const m = v.meeting;
  return (
    <div className="max-w-5xl">
      <BackLink href="/meetings">Back to meetings</BackLink>
      <PageHeading caption={v.trust.name}>{m.title}</PageHeading>
      <SummaryList
        rows={[
          { key: "Status", value: <Tag colour={STATUS_COLOUR[m.status]}>{MEETING_STATUS_LABELS[m.status]}</Tag> },
          { key: "When", value: formatDateTime(m.startsAt) },
          { key: "Where", value: m.location || "Not given" },
          {
            key: "Board pack",
            value: m.packIssuedAt ? (
              <>
                Issued {formatDateTime(m.packIssuedAt)}.{" "}
                <a href={`/meetings/${m.id}/pack`}>Download the board pack (PDF)</a>
              </>
            ) : (
              "Not issued yet"
            ),
          },
        ]}
      />
      {v.canManage && m.status === "planned" ? (
        <div className="flex flex-wrap gap-x-6">
          <ActionForm action={issuePackAction.bind(null, m.id)} submitLabel={m.packIssuedAt ? "Issue the pack again" : "Issue the board pack"} secondary={!!m.packIssuedAt} />
          {m.packIssuedAt ? <ActionForm action={markHeldAction.bind(null, m.id)} submitLabel="Mark the meeting as held" /> : null}
        </div>
      ) : null}
      <AgendaSection v={v} />
      {m.status !== "planned" ? <RecordSection v={v} /> : null}
      {m.status !== "planned" ? <MinutesSection v={v} minutes={draftMinutesFrom(v)} /> : null}
    </div>
  );
}
