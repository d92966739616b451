import type { Actor } from "@/lib/access";
import { listDecisionTimeline, type TimelineEvent } from "@/lib/decisions";
import { FIELD_NAMES } from "@/lib/decisions/diff";
import { OUTCOME_LABELS } from "@/lib/decisions/taxonomy";
import { formatDateTime } from "@/lib/format";

type After = { changed?: string[]; version?: number; reason?: string; contentHash?: string; status?: string; position?: string; outcome?: string; ratification?: string; urgentReason?: string; note?: string };

const POSITION_WORDS: Record<string, string> = { support: "support", object: "an objection", abstain: "an abstention" };
const OUTCOME_WORDS: Record<string, string> = Object.fromEntries(Object.entries(OUTCOME_LABELS).map(([k, v]) => [k, v.toLowerCase()]));

function describe(e: TimelineEvent): string {
  const a = (e.after ?? {}) as After;
  const fields = a.changed?.length ? `: ${a.changed.map((f) => FIELD_NAMES[f] ?? f).join(", ")}` : "";
  switch (e.action) {
    case "decision.create":
      return "Created the draft";
    case "decision.edit":
      return `Edited the draft${fields}`;
    case "decision.submit":
      return `Submitted version ${a.version} for sign-off`;
    case "decision.amend":
      return `Amended the decision, making version ${a.version}${fields}`;
    case "decision.withdraw":
      return `Withdrew the decision: “${a.reason ?? ""}”`;
    case "decision.edit_refused":
    case "decision.submit_refused":
    case "decision.withdraw_refused":
      return `Tried to ${e.action.slice(9, -8)}, but someone had saved in between: refused, nothing overwritten`;
    case "comment.add":
      return "Commented";
    case "comment.question":
      return "Asked a question";
    case "comment.answer":
      return "Answered a question";
    case "position.recorded":
      return `Recorded ${POSITION_WORDS[a.position ?? ""] ?? "a position"} on version ${a.version}`;
    case "position.superseded":
      return `Changed their position to ${POSITION_WORDS[a.position ?? ""] ?? "a new one"} on version ${a.version}`;
    case "decision.signed_off":
      return a.ratification
        ? `Signed off by Chair's action on version ${a.version}: awaiting ratification at the next board meeting`
        : `Signed off: the board's support met the trust's policy on version ${a.version}`;
    case "decision.marked_urgent":
      return `Marked urgent: “${a.urgentReason ?? ""}”`;
    case "meeting.ratification_item_added":
      return "Put on the agenda of the next board meeting, for ratification";
    case "decision.urgent_removed":
      return "No longer marked urgent";
    case "decision.ratified":
      return "The board ratified the Chair's action";
    case "decision.not_ratified":
      return `The board did not ratify the Chair's action${a.note ? `: “${a.note}”` : ""}`;
    case "decision.declined":
      return `Declined by the Chair: “${a.reason ?? ""}”`;
    case "outcome.recorded":
      return `Assessed a success criterion as ${OUTCOME_WORDS[a.outcome ?? ""] ?? "assessed"}`;
    case "decision.reviewed":
      return "Every success criterion assessed: reviewed";
    default:
      return e.action.replace(/[._]/g, " ");
  }
}

/** Who did what when: the decision's own audit events, each with its place in the hash chain. */
export async function DecisionTimeline({ id, actor }: { id: string; actor: Actor }) {
  const events = await listDecisionTimeline(actor, id);
  return (
    <section aria-labelledby="timeline-heading" className="mb-10">
      <h2 id="timeline-heading" className="mb-2 text-2xl">
        Timeline
      </h2>
      <p className="nhs-hint">From the trust&rsquo;s tamper-evident audit chain. Each event&rsquo;s hash covers the one before it.</p>
      <ol className="border-l-4 border-nhs-blue pl-6">
        {events.map((e) => (
          <li key={e.seq} className="relative mb-4">
            <span aria-hidden="true" className="absolute top-2 -left-[34px] h-4 w-4 rounded-full border-4 border-nhs-blue bg-white" />
            <p className="font-semibold">{describe(e)}</p>
            <p className="text-base text-nhs-secondary">
              {e.by ?? "System"}, {formatDateTime(e.at)} · event {e.seq} · hash <code className="text-sm">{e.hash.slice(0, 16)}…</code>
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
