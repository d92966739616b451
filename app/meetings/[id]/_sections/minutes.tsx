import { InsetText } from "@/app/_components/ui";
import { formatDateTime } from "@/lib/format";
import type { MeetingView, MinutesDraft } from "@/lib/meetings";
import { ActionForm } from "../../_components/action-form";
import { minutedAction } from "../../actions";

export function MinutesSection({ v, minutes }: { v: MeetingView; minutes: MinutesDraft }) {
  const m = v.meeting;
  return (
    <section aria-labelledby="minutes" className="mb-10">
      <h2 id="minutes" className="mb-4 text-2xl">
        Minutes
      </h2>
      {m.status === "minuted" ? (
        <InsetText>
          <p>
            Minuted on {formatDateTime(m.minutedAt)} from the approved minutes “{m.minutesFileName}”.
          </p>
          <p className="break-all">SHA-256: {m.minutesSha256}</p>
        </InsetText>
      ) : null}
      <p className="mb-4">
        <a href={`/meetings/${m.id}/minutes`}>Download the draft minutes (Word document)</a>
      </p>
      <div className="mb-6 bg-white p-4 sm:p-6">
        <h3 className="mb-2 text-xl">{minutes.title}</h3>
        {minutes.sections.map((s) => (
          <div key={s.heading} className="mb-4">
            <h4 className="font-bold">{s.heading}</h4>
            {s.paragraphs.map((p, i) => (
              <p key={i} className="prose-text break-words">
                {p}
              </p>
            ))}
          </div>
        ))}
      </div>
      {v.canManage && m.status === "held" ? (
        <ActionForm action={minutedAction.bind(null, m.id)} submitLabel="Mark the meeting as minuted" encType="multipart/form-data">
          <div className="mb-6">
            <label htmlFor="field-minutes" className="nhs-label">
              The approved minutes
            </label>
            <span id="field-minutes-hint" className="nhs-hint">
              The file the board approved (up to 20 MB). Its SHA-256 is recorded in the audit chain.
            </span>
            <input id="field-minutes" name="minutes" type="file" aria-describedby="field-minutes-hint" className="block" />
          </div>
        </ActionForm>
      ) : null}
    </section>
  );
}
