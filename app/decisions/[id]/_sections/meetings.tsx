import Link from "@/app/_components/link";
import { Tag } from "@/app/_components/ui";
import type { Actor } from "@/lib/access";
import { listMeetingsForDecision, RESOLUTION_LABELS } from "@/lib/meetings";

/** The meetings whose agenda this decision is on (issue 13), with the version in the pack. */
export async function DecisionMeetings({ actor, decisionId }: { actor: Actor; decisionId: string }) {
  const meetings = await listMeetingsForDecision(actor, decisionId);
  if (!meetings.length) return null;
  return (
    <section aria-labelledby="meetings-heading" className="mb-8">
      <h2 id="meetings-heading" className="mb-4 text-2xl">
        Board meetings
      </h2>
      <ul className="space-y-2">
        {meetings.map((m) => (
          <li key={m.meetingId}>
            <Link href={`/meetings/${m.meetingId}`}>{m.title}</Link>
            {m.packVersion !== null ? ` — version ${m.packVersion} in the pack` : " — pack not issued yet"}{" "}
            {m.amendedSincePack ? <Tag colour="red">Amended since the pack was issued</Tag> : null}{" "}
            {m.resolution ? <Tag colour={m.resolution === "approved" ? "green" : m.resolution === "not_approved" ? "red" : "yellow"}>{RESOLUTION_LABELS[m.resolution]}</Tag> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
