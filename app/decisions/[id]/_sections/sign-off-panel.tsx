import { SEAT_LABELS, type Actor } from "@/lib/access";
import { formatDate, formatDateTime, pluralise } from "@/lib/format";
import { getImportedSignOff } from "@/lib/decisions";
import { FORUM_LABELS, POSITION_LABELS, getSignOffPanel, type PanelPosition } from "@/lib/sign-off";
import { listRecordedPositionNotes } from "@/lib/meetings";
import { InsetText, PlainText, Tag, type TagColour } from "@/app/_components/ui";
import { DeclineForm } from "./decline-form";
import { PositionForm } from "./position-form";
import { getChairsActionView } from "@/lib/chairs-action";

const POSITION_COLOURS: Record<PanelPosition["position"], TagColour> = { support: "green", object: "red", abstain: "grey" };

function names(list: { name: string; seat: keyof typeof SEAT_LABELS }[]) {
  const parts = list.map((m) => `${m.name} (${SEAT_LABELS[m.seat]})`);
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}`;
}

function Hash({ value }: { value: string }) {
  return <code className="break-all text-base">{value}</code>;
}

/** The board sign-off panel of a decision page: policy, tally, who has not responded, every position, the forms. */
export async function SignOffPanel({ actor, decisionId }: { actor: Actor; decisionId: string }) {
  const [panel, recordedAt, imported, urgency] = await Promise.all([getSignOffPanel(actor, decisionId), listRecordedPositionNotes(actor, decisionId), getImportedSignOff(actor, decisionId), getChairsActionView(actor, decisionId)]);
  const { decision, policy } = panel;
  if (decision.version === 0) return null;
  const awaiting = decision.status === "awaiting_sign_off";
  const dissent = panel.positions.filter((p) => p.position !== "support");
  return (
    <section aria-labelledby="sign-off-heading" className="nhs-panel mb-8">
      <h2 id="sign-off-heading" className="mb-4 text-2xl">
        Board sign-off
      </h2>
      {panel.signedOff && imported ? (
        <InsetText>
          <p className="mb-2 font-semibold">
            Signed off on {formatDate(imported.signedOffOn)}
            {imported.meeting ? ` at ${imported.meeting}` : ""}
            {imported.signedOffBy ? `, by ${imported.signedOffBy}` : ""}, before this decision was in Fulcrum.
          </p>
          <p>
            Recorded as imported from {imported.fileName}
            {imported.sheet ? `, sheet "${imported.sheet}"` : ""}, row {imported.row}, on {formatDate(imported.importedAt)}: the members took no positions in Fulcrum.
            File SHA-256 <Hash value={imported.fileSha256} />.
          </p>
        </InsetText>
      ) : panel.signedOff ? (
        <InsetText>
          <p className="font-semibold">
            Signed off on {formatDate(panel.signedOff.at)} by {names(panel.signedOff.by)} against version {panel.signedOff.version}, hash{" "}
            <Hash value={panel.signedOff.contentHash} />.
          </p>
        </InsetText>
      ) : null}
      {decision.status === "declined" ? (
        <InsetText>
          <p className="font-semibold">Declined by the Chair on {formatDate(decision.declinedAt)}.</p>
          <PlainText>{decision.declineReason}</PlainText>
        </InsetText>
      ) : null}
      <p className="mb-4">
        Sign-off needs {pluralise(policy.minSupport, "supporting board member")}
        {policy.chairRequired ? ", including the Chair" : ""}. The decision&apos;s author never counts, and a member who declares a conflict of
        interest is recorded but not counted. Positions bind to an exact version: after an amendment, earlier positions stay visible but no
        longer count.
      </p>
      {panel.chairRequiredBecause ? (
        <p className="mb-4 border-l-4 border-nhs-red pl-4 font-semibold" data-testid="chair-required-outside-appetite">
          {panel.chairRequiredBecause}.
        </p>
      ) : panel.outsideAppetite ? (
        <p className="mb-4 border-l-4 border-nhs-red pl-4">This decision is outside the board&apos;s risk appetite: the Chair&apos;s support is needed, as the trust&apos;s policy also requires.</p>
      ) : null}
      <table className="nhs-table mb-6 max-w-xl">
        <caption>Positions on version {decision.version} (the current version)</caption>
        <thead>
          <tr>
            <th scope="col">Position</th>
            <th scope="col" className="num">
              Members
            </th>
          </tr>
        </thead>
        <tbody>
          {(["support", "object", "abstain"] as const).map((k) => (
            <tr key={k}>
              <th scope="row" className="font-normal">
                {POSITION_LABELS[k]}
              </th>
              <td className="num">{panel.tally[k]}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">Counting towards sign-off</th>
            <td className="num font-semibold">
              {panel.supportingCounted} of {policy.minSupport}
            </td>
          </tr>
        </tbody>
      </table>
      {panel.blocked ? (
        <div className="mb-6 border-l-8 border-nhs-warm-yellow bg-[#fff4d1] p-4" role="status" data-testid="sign-off-blocked">
          <h3 className="mb-2 text-xl">Sign-off cannot complete as things stand</h3>
          <p className="mb-2">{panel.blockedReason}.</p>
          <p className="mb-1">The ways out:</p>
          <ul className="list-disc pl-6">
            <li>a board member may record a different position on this version</li>
            <li>the Chair may decline the decision, with a reason</li>
            <li>the decision may be taken to a board meeting</li>
          </ul>
        </div>
      ) : null}
      {awaiting && !panel.blocked ? (
        <p className="mb-6">
          {panel.stillNeeded > 0 ? `${pluralise(panel.stillNeeded, "more supporting member")} needed. ` : ""}
          {policy.chairRequired ? (panel.chairSupports ? "The Chair supports." : "The Chair's support is still needed.") : ""}
        </p>
      ) : null}
      {awaiting ? (
        <>
          <h3 className="mb-2 text-xl">Not yet responded on version {decision.version}</h3>
          {panel.notResponded.length ? (
            <ul className="mb-6 list-disc pl-6">
              {panel.notResponded.map((m, i) => (
                <li key={i}>
                  {m.name}, {SEAT_LABELS[m.seat]}
                </li>
              ))}
            </ul>
          ) : (
            <p className="mb-6">Every board member has responded.</p>
          )}
        </>
      ) : null}
      {dissent.length ? (
        <>
          <h3 className="mb-2 text-xl">Objections and abstentions</h3>
          <ul className="mb-6 space-y-3">
            {dissent.map((p) => (
              <li key={p.id} className="border-l-4 border-nhs-red bg-nhs-grey-5 p-3">
                <p>
                  <Tag colour={POSITION_COLOURS[p.position]}>{POSITION_LABELS[p.position]}</Tag>{" "}
                  <span className="font-semibold">{p.memberName}</span>, {SEAT_LABELS[p.seat]} — version {p.version}
                  {p.onCurrentVersion ? "" : " (an older version)"}
                </p>
                <PlainText>{p.comment || null}</PlainText>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="mb-2 text-xl">Every position, newest first</h3>
      {panel.positions.length ? (
        <ol className="mb-6 space-y-4">
          {panel.positions.map((p) => (
            <li key={p.id} className={`border border-nhs-border p-4 ${p.onCurrentVersion ? "bg-white" : "bg-nhs-grey-5"}`}>
              <p className="mb-1">
                <Tag colour={POSITION_COLOURS[p.position]}>{POSITION_LABELS[p.position]}</Tag>{" "}
                <span className="font-semibold">{p.memberName}</span>, {SEAT_LABELS[p.seat]}
              </p>
              <p className="text-base text-nhs-secondary">
                {FORUM_LABELS[p.forum]}, {formatDateTime(p.createdAt)}. Version {p.version}
                {p.onCurrentVersion ? "" : " — an older version"}, hash <Hash value={p.contentHash.slice(0, 16)} />…
              </p>
              {recordedAt[p.id] ? <p className="text-base font-semibold">{recordedAt[p.id]}</p> : null}
              <p className="text-base">
                {p.counts ? (
                  <strong>Counts towards sign-off.</strong>
                ) : (
                  <>Not counted: {p.notCountedReason?.toLowerCase()}.</>
                )}
              </p>
              {p.comment ? <PlainText className="mt-2">{p.comment}</PlainText> : null}
              <p className="mt-2 text-base">
                {p.conflictDeclared ? (
                  <>
                    <strong>Conflict of interest declared:</strong> {p.conflictDescription}
                  </>
                ) : (
                  "No conflict of interest declared."
                )}
              </p>
            </li>
          ))}
        </ol>
      ) : (
        <p className="mb-6">No board member has recorded a position yet.</p>
      )}
      {panel.canRecord && decision.contentHash ? (
        <>
          {panel.mine ? (
            <p className="mb-4">
              You recorded <strong>{POSITION_LABELS[panel.mine.position].toLowerCase()}</strong> on this version on {formatDateTime(panel.mine.createdAt)}.
              You can record a different position; your earlier one stays in the history.
            </p>
          ) : null}
          <PositionForm
            decisionId={decision.id}
            version={decision.version}
            contentHash={decision.contentHash}
            current={panel.mine}
            chairsAction={urgency.urgent && !urgency.outsideAppetite ? { neds: urgency.nedsRequired } : null}
          />
        </>
      ) : null}
      {panel.canDecline ? <DeclineForm decisionId={decision.id} version={decision.version} /> : null}
    </section>
  );
}
