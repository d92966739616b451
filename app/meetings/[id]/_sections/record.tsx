import { Choices, Select, TextArea } from "@/app/_components/form";
import { InsetText } from "@/app/_components/ui";
import { ATTENDANCE_LABELS, RESOLUTION_LABELS, type MeetingView } from "@/lib/meetings";
import { ActionForm } from "../../_components/action-form";
import { attendanceAction, declarationAction, resolutionAction } from "../../actions";

const ROLE_WORDS = { chief_executive: "Chief Executive", company_secretary: "Company Secretary", board_member: "Board member" } as const;
const SEAT_WORDS = { chair: "Chair", non_executive: "Non-Executive Director", executive: "Executive Director" } as const;
const who = (p: MeetingView["people"][number]) => (p.role === "board_member" && p.seat ? SEAT_WORDS[p.seat] : ROLE_WORDS[p.role]);

const RATIFICATION_RESOLUTION_LABELS = { approved: "Ratified", not_approved: "Not ratified", deferred: "Deferred" } as const;

/** At the meeting: attendance and quorum, declarations of interest, and the board's resolution per decision item. */
export function RecordSection({ v }: { v: MeetingView }) {
  const m = v.meeting;
  const held = m.status === "held" && v.canManage;
  const attended = new Map(v.attendance.map((a) => [a.userId, a.attendance]));
  const q = v.quorum;
  return (
    <section aria-labelledby="at-the-meeting" className="mb-10">
      <h2 id="at-the-meeting" className="mb-4 text-2xl">
        At the meeting
      </h2>
      <InsetText>
        {q.met ? (
          <p>
            <strong>Quorate.</strong> {q.present} board members present ({q.nonExecutivesPresent} non-executive, {q.executivesPresent} executive); {q.required} needed.
          </p>
        ) : (
          <p>
            <strong>Not quorate:</strong> {q.shortfalls.join("; ")}. The meeting cannot record a resolution until it is quorate.
          </p>
        )}
      </InsetText>
      <h3 className="mb-2 text-xl">Attendance</h3>
      {held ? (
        <ActionForm action={attendanceAction.bind(null, m.id)} submitLabel="Record attendance" secondary>
          {v.people.map((p) => (
            <Choices
              key={p.userId}
              name={`att-${p.userId}`}
              type="radio"
              inline
              legend={`${p.name}, ${who(p)}`}
              options={[
                { value: "present", label: "Present" },
                { value: "apologies", label: "Apologies" },
                { value: "in_attendance", label: "In attendance" },
                { value: "none", label: "Not recorded" },
              ]}
              defaultValue={attended.get(p.userId) ?? "none"}
            />
          ))}
        </ActionForm>
      ) : (
        <ul className="mb-6 list-disc pl-6">
          {v.attendance.length ? v.attendance.map((a) => <li key={a.userId}>{`${a.name}: ${ATTENDANCE_LABELS[a.attendance]}`}</li>) : <li>Not recorded</li>}
        </ul>
      )}
      <h3 className="mb-2 text-xl">Declarations of interest</h3>
      <ul className="mb-4 list-disc pl-6">
        {v.items.flatMap((it) => it.declarations.map((d, i) => <li key={`${it.id}-${i}`}>{`Item ${it.ordinal}: ${d.name} — ${d.description}`}</li>))}
        {v.items.every((it) => it.declarations.length === 0) ? <li>None declared</li> : null}
      </ul>
      {held ? (
        <ActionForm action={declarationAction.bind(null, m.id)} submitLabel="Record the declaration" secondary>
          <Select className="[&_select]:max-w-full" name="itemId" label="Agenda item" options={v.items.map((it) => ({ value: it.id, label: `${it.ordinal}. ${it.title}` }))} placeholder="Select an item" />
          <Select className="[&_select]:max-w-full" name="userId" label="Who declared an interest" options={v.people.map((p) => ({ value: p.userId, label: `${p.name}, ${who(p)}` }))} placeholder="Select a person" />
          <TextArea name="description" label="The interest declared" rows={2} />
        </ActionForm>
      ) : null}
      <h3 className="mb-2 text-xl">Resolutions</h3>
      {v.items
        .filter((it) => it.decision)
        .map((it) => {
          const prefix = `r${it.ordinal}`;
          const interested = new Set(it.declarations.map((d) => d.userId));
          const voting = v.people.filter((p) => p.role === "board_member" && attended.get(p.userId) === "present" && !interested.has(p.userId));
          return (
            <div key={it.id} className="mb-6 border-l-4 border-nhs-border pl-4">
              <h4 className="mb-2 text-lg font-bold">
                {it.ordinal}. {it.title}
              </h4>
              {it.resolution ? (
                <>
                  <p className="mb-1">
                    <strong>{it.forRatification ? RATIFICATION_RESOLUTION_LABELS[it.resolution] : RESOLUTION_LABELS[it.resolution]}.</strong> {it.resolutionNote}
                  </p>
                  <ul className="list-disc pl-6">
                    {it.positions.map((p, i) => (
                      <li key={i}>{`${p.memberName}: ${p.position === "support" ? "supported" : p.position === "object" ? `objected — "${p.comment}"` : `abstained${p.comment ? ` — "${p.comment}"` : ""}`}`}</li>
                    ))}
                  </ul>
                </>
              ) : held && it.forRatification ? (
                <ActionForm action={resolutionAction.bind(null, m.id, it.id, prefix)} submitLabel={`Record the resolution on item ${it.ordinal}`}>
                  <p className="mb-4">Signed off between meetings by Chair&apos;s action: the board is asked to ratify it.</p>
                  <Choices
                    name={`${prefix}-resolution`}
                    type="radio"
                    legend="The board's resolution"
                    options={[
                      { value: "approved", label: RATIFICATION_RESOLUTION_LABELS.approved },
                      { value: "not_approved", label: RATIFICATION_RESOLUTION_LABELS.not_approved, hint: "It stays signed off in the record, marked not ratified; its Chief Executive and Chair are told" },
                      { value: "deferred", label: RATIFICATION_RESOLUTION_LABELS.deferred, hint: "It goes to the next board meeting for ratification" },
                    ]}
                  />
                  <TextArea name={`${prefix}-note`} label="The resolution as minuted" hint="Needed when the board did not ratify it" rows={2} />
                </ActionForm>
              ) : held ? (
                <ActionForm action={resolutionAction.bind(null, m.id, it.id, prefix)} submitLabel={`Record the resolution on item ${it.ordinal}`}>
                  <Choices
                    name={`${prefix}-resolution`}
                    type="radio"
                    legend="The board's resolution"
                    options={[
                      { value: "approved", label: "Approved" },
                      { value: "not_approved", label: "Not approved", hint: "Recorded as the Chair's decline" },
                      { value: "deferred", label: "Deferred", hint: "The decision stays awaiting sign-off" },
                    ]}
                  />
                  <TextArea name={`${prefix}-note`} label="The resolution as minuted" hint="Needed when the board did not approve it" rows={2} />
                  <p className="mb-2 font-semibold">Members present, without a declared interest</p>
                  <p className="nhs-hint">Each supports unless you record an objection or abstention, in their words as minuted.</p>
                  {voting.length === 0 ? <p className="mb-4">No board member present without an interest: record attendance first.</p> : null}
                  {voting.map((p) => (
                    <div key={p.userId} className="mb-4">
                      <Select className="[&_select]:max-w-full"
                        name={`${prefix}-pos-${p.userId}`}
                        label={`${p.name}, ${who(p)}`}
                        options={[
                          { value: "support", label: "Supported" },
                          { value: "object", label: "Objected" },
                          { value: "abstain", label: "Abstained" },
                        ]}
                        defaultValue="support"
                      />
                      <TextArea name={`${prefix}-com-${p.userId}`} label={`${p.name}'s words as minuted (objections and abstentions)`} rows={2} />
                    </div>
                  ))}
                </ActionForm>
              ) : (
                <p>No resolution recorded.</p>
              )}
            </div>
          );
        })}
    </section>
  );
}
