import { TextField } from "@/app/_components/form";
import { ActionForm } from "@/app/meetings/_components/action-form";
import { meetingQuorumAction } from "@/app/meetings/actions";
import type { Actor } from "@/lib/access";
import { getMeetingQuorumSetting } from "@/lib/meetings";

/** A trust's meeting quorum from its standing orders (issue 13): who must be present for the board to resolve. */
export async function MeetingQuorumSettings({ actor, trustId }: { actor: Actor; trustId: string }) {
  const q = await getMeetingQuorumSetting(actor, trustId);
  return (
    <section aria-labelledby="meeting-quorum" className="mt-10">
      <h2 id="meeting-quorum" className="mb-2 text-2xl">
        Meeting quorum
      </h2>
      <p className="mb-4">From the trust's standing orders: a meeting that is not quorate cannot record the board's resolution.</p>
      <ActionForm action={meetingQuorumAction.bind(null, trustId)} submitLabel="Save the meeting quorum" secondary>
        <TextField name="minPresent" label="Board members who must be present" hint="Leave empty for a third of the board, rounded up (the Chief Executive counts)" defaultValue={q.minPresent === null ? "" : String(q.minPresent)} inputMode="numeric" width="w-24!" />
        <TextField name="minNonExecutive" label="Of whom non-executive directors (the Chair counts)" defaultValue={String(q.minNonExecutive)} inputMode="numeric" width="w-24!" />
        <TextField name="minExecutive" label="Of whom executive directors (the Chief Executive counts)" defaultValue={String(q.minExecutive)} inputMode="numeric" width="w-24!" />
      </ActionForm>
    </section>
  );
}
