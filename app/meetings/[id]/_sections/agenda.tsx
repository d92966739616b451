import Link from "@/app/_components/link";
import { Choices, Select, TextArea, TextField } from "@/app/_components/form";
import { Tag } from "@/app/_components/ui";
import { OUTSIDE_APPETITE_GATE } from "@/lib/board-paper/labels";
import { formatImpactK } from "@/lib/format";
import { outsideSentence } from "@/lib/risk-appetite/taxonomy";
import { PURPOSE_LABELS, RESOLUTION_LABELS, type MeetingView } from "@/lib/meetings";
import { ActionForm } from "../../_components/action-form";
import { addItemAction, coverSheetAction } from "../../actions";

const STATUS_WORDS: Record<string, string> = { awaiting_sign_off: "Awaiting sign-off", signed_off: "Signed off", declined: "Declined", reviewed: "Reviewed", withdrawn: "Withdrawn", draft: "Draft" };

export function AgendaSection({ v }: { v: MeetingView }) {
  const m = v.meeting;
  const editCover = (v.canManage || v.canPropose) && m.status !== "minuted";
  return (
    <section aria-labelledby="agenda" className="mb-10">
      <h2 id="agenda" className="mb-4 text-2xl">
        Agenda
      </h2>
      {v.items.length === 0 ? <p className="mb-6">No items yet{v.canManage ? " — add the first item below" : ""}.</p> : null}
      <ol className="mb-6 border-t border-nhs-border">
        {v.items.map((it) => (
          <li key={it.id} className="border-b border-nhs-border py-4">
            <h3 className="mb-1 text-xl">
              {it.ordinal}. {it.decision ? <Link href={`/decisions/${it.decision.id}`}>{it.title}</Link> : it.title}
            </h3>
            {it.presenter ? <p className="mb-1">Presented by {it.presenter}</p> : null}
            {it.decision ? (
              <>
                <p className="mb-1 flex flex-wrap gap-2">
                  <Tag colour="grey">{STATUS_WORDS[it.decision.status] ?? it.decision.status}</Tag>
                  {it.amendedSincePack ? <Tag colour="red">Amended since the pack was issued</Tag> : null}
                  {it.resolution ? <Tag colour={it.resolution === "approved" ? "green" : it.resolution === "not_approved" ? "red" : "yellow"}>{it.forRatification ? ({ approved: "Ratified", not_approved: "Not ratified", deferred: "Deferred" } as const)[it.resolution] : RESOLUTION_LABELS[it.resolution]}</Tag> : null}
                </p>
                <p className="mb-1 text-nhs-secondary break-all">
                  {it.packVersion !== null ? `Version ${it.packVersion} in the pack, content hash ${it.packHash}` : `Version ${it.decision.version} is current; the pack freezes the version the board considers`}
                </p>
                <p className="mb-2">
                  {it.cover ? PURPOSE_LABELS[it.cover.purpose] : "For decision"}. Impact: {formatImpactK(it.decision.impactTrustK, "trust") || "not given"}; {formatImpactK(it.decision.impactSystemK, "system") || "not given"}.
                </p>
                {it.decision.outsideAppetite.length ? (
                  <div className="mb-2 border-l-8 border-nhs-red bg-white p-3" data-testid={`item-${it.ordinal}-outside-appetite`}>
                    <p className="mb-1 font-bold">Outside the board&apos;s risk appetite</p>
                    <ul className="mb-1 list-disc pl-5">
                      {it.decision.outsideAppetite.map((o) => (
                        <li key={o.domain}>{outsideSentence(o)}</li>
                      ))}
                    </ul>
                    <p>{OUTSIDE_APPETITE_GATE}</p>
                  </div>
                ) : null}
                {it.cover?.recommendation ? <p className="mb-2 prose-text">Recommendation: {it.cover.recommendation}</p> : null}
                {editCover ? (
                  <details className="mb-2">
                    <summary className="cursor-pointer text-nhs-blue underline">Cover sheet for item {it.ordinal}</summary>
                    <div className="mt-4">
                      <ActionForm action={coverSheetAction.bind(null, m.id, it.id, `c${it.ordinal}`)} submitLabel="Save the cover sheet" secondary>
                        <CoverFields prefix={`c${it.ordinal}`} cover={it.cover} />
                      </ActionForm>
                    </div>
                  </details>
                ) : null}
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {m.status === "planned" && (v.canManage || v.canPropose) ? (
        <div className="bg-white p-4 sm:p-6">
          <h3 className="mb-4 text-xl">{v.canManage ? "Add an item" : "Propose a decision for the agenda"}</h3>
          <ActionForm action={addItemAction.bind(null, m.id)} submitLabel={v.canManage ? "Add to the agenda" : "Propose for the agenda"}>
            <Select className="[&_select]:max-w-full"
              name="decisionId"
              label="Decision awaiting sign-off"
              hint={m.kind === "public_board" ? "Decisions for the trust board only go on a private meeting's agenda, so they are not listed here." : "Leave empty for a plain item."}
              options={v.candidates.map((d) => ({ value: d.id, label: d.title }))}
              placeholder={v.candidates.length ? "No decision: a plain item" : "No decision is awaiting sign-off"}
            />
            {v.canManage ? (
              <>
                <TextField name="title" label="Title of a plain item" hint="For example, Chair's report. Not needed for a decision." />
                <TextField name="presenter" label="Presenter" hint="Optional" />
              </>
            ) : null}
          </ActionForm>
        </div>
      ) : null}
    </section>
  );
}

/** The cover sheet's fields, named with the item's prefix so ids stay unique on the page. */
function CoverFields({ prefix, cover }: { prefix: string; cover: MeetingView["items"][number]["cover"] }) {
  const n = (k: string) => `${prefix}-${k}`;
  return (
    <>
      <Choices
        name={n("purpose")}
        type="radio"
        legend="Purpose"
        options={[
          { value: "decision", label: "For decision" },
          { value: "ratification", label: "For ratification" },
          { value: "information", label: "For information" },
        ]}
        defaultValue={cover?.purpose ?? "decision"}
      />
      <TextArea name={n("recommendation")} label="Recommendation" defaultValue={cover?.recommendation} rows={3} />
      <TextField name={n("executiveLead")} label="Executive lead" defaultValue={cover?.executiveLead} />
      <TextField name={n("author")} label="Author" defaultValue={cover?.author} />
      <TextField name={n("previouslyConsideredBy")} label="Previously considered by" defaultValue={cover?.previouslyConsideredBy} />
      <TextArea name={n("strategicRisks")} label="Link to the board's strategic risks" defaultValue={cover?.strategicRisks} rows={2} />
    </>
  );
}
