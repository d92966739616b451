"use client";

import { useActionState, useState } from "react";
import { oversize } from "@/app/_components/body-guard";
import { LIMITS } from "@/lib/decisions/taxonomy";
import { ErrorSummary, fieldId } from "@/app/_components/error-summary";
import { IDLE } from "@/lib/action-state";
import { addCommentAction } from "../../actions";

/** A comment or question, or (with `answersId`) an answer to a question. */
export function CommentForm({ decisionId, answersId, label }: { decisionId: string; answersId?: string; label?: string }) {
  const [state, action, pending] = useActionState(addCommentAction, IDLE);
  const name = answersId ? `answer-${answersId}` : "body";
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const error = tooLarge ?? (state.status === "invalid" ? (state.fieldErrors.body ?? state.fieldErrors.answersId) : state.status === "error" ? state.message : undefined);
  const id = fieldId(name);
  return (
    <form
      action={action}
      noValidate
      className={answersId ? "mt-3" : "mt-6"}
      onSubmit={(ev) => {
        const over = oversize(ev.currentTarget, (n) => (n === "body" ? { label: "Comment", max: LIMITS.comment } : null));
        setTooLarge(over ? (over.body ?? over._form) : null);
        if (over) ev.preventDefault();
      }}
    >
      {!answersId && error ? <ErrorSummary errors={{ [name]: error }} /> : null}
      <input type="hidden" name="decisionId" value={decisionId} />
      {answersId ? <input type="hidden" name="answersId" value={answersId} /> : null}
      <div className={`mb-4 ${error ? "border-l-4 border-nhs-red pl-4" : ""}`}>
        <label htmlFor={id} className="nhs-label">
          {label ?? "Add a comment"}
        </label>
        {error ? (
          <span id={`${id}-error`} className="nhs-error-message">
            <span className="sr-only">Error: </span>
            {error}
          </span>
        ) : null}
        <textarea
          id={id}
          name="body"
          rows={answersId ? 2 : 4}
          defaultValue={state.status === "invalid" || state.status === "error" ? state.values?.body : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className="nhs-input"
        />
      </div>
      {!answersId ? (
        <div className="mb-4 flex items-start gap-3">
          <input id={fieldId("isQuestion")} type="checkbox" name="isQuestion" className="nhs-choice" />
          <label htmlFor={fieldId("isQuestion")} className="py-2">This is a question that needs an answer</label>
        </div>
      ) : null}
      <button type="submit" className="nhs-button nhs-button-secondary" disabled={pending}>
        {pending ? "Adding…" : answersId ? "Add answer" : "Add comment"}
      </button>
      {state.status === "ok" ? (
        <p role="status" className="mt-2 font-semibold text-nhs-green">
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
