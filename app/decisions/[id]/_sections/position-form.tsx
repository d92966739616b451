"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { LIMITS } from "@/lib/decisions/taxonomy";
import { ErrorSummary } from "@/app/_components/error-summary";
import { Choices, Select, TextArea } from "@/app/_components/form";
import { recordPositionAction } from "./actions";

const FORUMS = [
  { value: "public_board", label: "Public board meeting" },
  { value: "private_session", label: "Private session of the board" },
  { value: "chairs_action", label: "Chair's action" },
];

/** "Record my position": bound to the version number and hash shown on screen. */
export function PositionForm({
  decisionId,
  version,
  contentHash,
  current,
  chairsAction,
}: {
  decisionId: string;
  version: number;
  contentHash: string;
  current?: { position: string; forum: string } | null;
  /** Set when the decision is urgent (and within appetite): Chair's action is offered. */
  chairsAction?: { neds: number } | null;
}) {
  const forums = chairsAction ? FORUMS : FORUMS.filter((f) => f.value !== "chairs_action");
  const [state, action, pending] = useActionState(recordPositionAction.bind(null, decisionId), IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form id="record-position" action={action} noValidate aria-labelledby="record-position-heading" className="scroll-mt-4">
      <h3 id="record-position-heading" className="mb-2 text-xl">
        Record my position
      </h3>
      {state.status === "invalid" || state.status === "error" ? (
        <ErrorSummary errors={errors} message={state.status === "error" ? state.message : state.message && !Object.keys(errors).length ? state.message : undefined} />
      ) : null}
      {state.status === "ok" ? (
        <div role="status" className="mb-6 border-l-8 border-nhs-green bg-white p-4 font-semibold">
          {state.message}
        </div>
      ) : null}
      <p className="mb-4">
        You are recording your position on <strong>version {version}</strong>, content hash{" "}
        <code className="break-all text-base" title={contentHash}>
          {contentHash.slice(0, 16)}…
        </code>
        . If the decision is amended before you submit, you will be asked to read the new version.
      </p>
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="contentHash" value={contentHash} />
      <Choices
        type="radio"
        name="position"
        legend="Your position"
        error={errors.position}
        defaultValue={values?.position ?? current?.position}
        options={[
          { value: "support", label: "Support" },
          { value: "object", label: "Object", hint: "You must say why in a comment." },
          { value: "abstain", label: "Abstain" },
        ]}
      />
      <TextArea name="comment" label="Comment" hint="Required if you object. Shown to the board with your position, and never hidden." error={errors.comment} defaultValue={values?.comment} rows={4} maxLength={LIMITS.positionComment} />
      <Select
        name="forum"
        label="Forum"
        hint={
          chairsAction
            ? `Where you took this position. This decision is marked urgent: the Chair and ${chairsAction.neds === 1 ? "one non-executive director" : "two non-executive directors"} may sign it off between meetings by Chair's action, to be ratified at the next board meeting.`
            : "Where you took this position."
        }
        error={errors.forum}
        options={forums} defaultValue={values?.forum ?? current?.forum ?? "public_board"} />
      {/* Conditional reveal without script: the description shows only once an interest is declared. */}
      <div className="group/coi">
      <Choices
        type="radio"
        name="conflictDeclared"
        legend="Conflict of interest"
        hint="A member with a declared conflict is recorded but does not count towards sign-off."
        error={errors.conflictDeclared}
        defaultValue={values?.conflictDeclared ?? "none"}
        options={[
          { value: "none", label: "I have no interest to declare" },
          { value: "declared", label: "I have an interest to declare" },
        ]}
      />
      <div className="hidden border-l-4 border-nhs-border pl-4 group-has-[input[value=declared]:checked]/coi:block">
        <TextArea name="conflict" label="Description of your conflict of interest" hint="What the interest is and how it touches this decision." error={errors.conflict} defaultValue={values?.conflict} rows={3} maxLength={LIMITS.conflict} />
      </div>
      </div>
      <button type="submit" className="nhs-button" disabled={pending}>
        {pending ? "Recording…" : "Record my position"}
      </button>
    </form>
  );
}
