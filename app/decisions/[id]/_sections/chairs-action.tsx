import Link from "@/app/_components/link";
import { InsetText, Tag } from "@/app/_components/ui";
import type { Actor } from "@/lib/access";
import { getChairsActionView, OUTSIDE_APPETITE_MESSAGE } from "@/lib/chairs-action";
import { formatDate } from "@/lib/format";
import { RESOLUTION_LABELS } from "@/lib/meetings";
import { UrgencyForm } from "./urgency-form";

/** Urgency, Chair's action and ratification at the next board meeting (issue 14). Nothing when none applies. */
export async function ChairsActionSection({ actor, decisionId }: { actor: Actor; decisionId: string }) {
  const v = await getChairsActionView(actor, decisionId);
  if (!v.urgent && !v.ratification && !v.canMarkUrgent) return null;
  const neds = v.nedsRequired === 1 ? "one non-executive director" : "two non-executive directors";
  return (
    <section aria-labelledby="chairs-action-heading" className="mb-8" data-testid="chairs-action">
      <h2 id="chairs-action-heading" className="mb-4 text-2xl">
        Chair&apos;s action
      </h2>
      {v.urgent ? (
        <InsetText>
          <p className="mb-2">
            <Tag colour="red">Urgent</Tag> <span className="font-semibold">Marked urgent{v.urgentAt ? ` on ${formatDate(v.urgentAt)}` : ""}</span>
          </p>
          <p className="prose-text whitespace-pre-line" data-testid="urgent-reason">
            {v.urgentReason}
          </p>
          {!v.ratification ? (
            <p className="mt-2">
              {v.outsideAppetite
                ? `${OUTSIDE_APPETITE_MESSAGE}.`
                : `The Chair and ${neds} may sign it off between meetings by Chair's action (each records support with the forum "Chair's action"); the next board meeting is then asked to ratify it.`}
            </p>
          ) : null}
        </InsetText>
      ) : null}
      {v.words ? (
        <p className="mb-4 font-semibold" data-testid="ratification-state">
          {v.words}
        </p>
      ) : null}
      {v.items.length ? (
        <ul className="mb-4 space-y-2">
          {v.items.map((i) => (
            <li key={i.meetingId}>
              For ratification at the <Link href={`/meetings/${i.meetingId}`}>board meeting on {formatDate(i.meetingStartsAt)}</Link>
              {i.resolution ? (
                <>
                  {" "}
                  <Tag colour={i.resolution === "approved" ? "green" : i.resolution === "not_approved" ? "red" : "yellow"}>
                    {i.resolution === "approved" ? "Ratified" : i.resolution === "not_approved" ? "Not ratified" : RESOLUTION_LABELS.deferred}
                  </Tag>
                  {i.resolutionNote ? <span className="block prose-text">{i.resolutionNote}</span> : null}
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {v.canMarkUrgent ? <UrgencyForm decisionId={decisionId} urgent={v.urgent} reason={v.urgentReason} /> : null}
    </section>
  );
}
