import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { PageHeading, Tag } from "@/app/_components/ui";
import { can } from "@/lib/access";
import { requireActor } from "@/lib/auth";
import { formatDateTime } from "@/lib/format";
import { listMeetings, listMeetingTrusts, MEETING_STATUS_LABELS } from "@/lib/meetings";

export const metadata: Metadata = { title: "Meetings" };

const STATUS_COLOUR = { planned: "yellow", held: "blue", minuted: "green" } as const;

/** The trust's meetings: the next one first, then past ones, latest first. */
export default async function MeetingsPage() {
  const actor = await requireActor();
  if (!actor.memberships.some((m) => can(actor, "meeting.read", { id: m.organisationId }))) notFound();
  const [meetings, trusts] = await Promise.all([listMeetings(actor), listMeetingTrusts(actor)]);
  return (
    <div className="max-w-5xl">
      <PageHeading>Meetings</PageHeading>
      <p className="mb-6">Board and committee meetings: the agenda and board pack, who attended, what the board resolved, and the minutes.</p>
      {trusts.length ? (
        <p className="mb-6">
          <Link href="/meetings/new" className="nhs-button">
            Create a meeting
          </Link>
        </p>
      ) : null}
      {meetings.length === 0 ? (
        <p>No meetings yet{trusts.length ? " — create the first meeting" : ""}.</p>
      ) : (
        <ul className="border-t border-nhs-border">
          {meetings.map((m) => (
            <li key={m.id} className="border-b border-nhs-border py-4">
              <h2 className="mb-1 text-xl">
                <Link href={`/meetings/${m.id}`}>{m.title}</Link>
              </h2>
              <p className="mb-1">
                <Tag colour={STATUS_COLOUR[m.status]}>{MEETING_STATUS_LABELS[m.status]}</Tag> {formatDateTime(m.startsAt)}
                {m.location ? `, ${m.location}` : ""}
              </p>
              <p className="text-nhs-secondary">
                {m.trustName} · {m.items} {m.items === 1 ? "item" : "items"} · {m.packIssued ? "Pack issued" : "Pack not issued yet"}
              </p>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
