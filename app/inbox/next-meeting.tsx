import Link from "@/app/_components/link";
import type { Actor } from "@/lib/access";
import { formatDateTime } from "@/lib/format";
import { nextMeetingFor } from "@/lib/meetings";

/** The board's next meeting and its pack (issue 13), at the top of the inbox. */
export async function NextMeeting({ actor }: { actor: Actor }) {
  const m = await nextMeetingFor(actor);
  if (!m) return null;
  return (
    <section aria-labelledby="next-meeting" className="nhs-panel mb-8 p-4!">
      <h2 id="next-meeting" className="mb-1 text-xl">
        Next meeting
      </h2>
      <p className="mb-1">
        <Link href={`/meetings/${m.id}`}>{m.title}</Link>, {formatDateTime(m.startsAt)}
        {m.location ? `, ${m.location}` : ""}.
      </p>
      <p className="text-base">{m.packIssued ? <a href={`/meetings/${m.id}/pack`}>Download the board pack (PDF)</a> : "The board pack has not been issued yet."}</p>
    </section>
  );
}
