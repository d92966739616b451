"use client";

import Link from "@/app/_components/link";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "../_components/error-summary";
import { TextField } from "../_components/form";
import { inviteUserAction, resetLinkAction, type LinkState } from "./link-actions";

function fmt(iso: string) {
  return new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
}

/** The link, shown once: the administrator passes it on (or it was e-mailed). */
function ShownOnce({ state, what }: { state: Extract<LinkState, { status: "link" }>; what: string }) {
  return (
    <div role="status" className="nhs-panel mb-6 border-l-8 border-nhs-green">
      <h2 className="mb-2 text-2xl">{what}</h2>
      <p className="mb-2">
        {state.emailed
          ? `We have emailed this link to ${state.name}.`
          : `Send this link to ${state.name} yourself, by a route you trust. It is shown only now.`}{" "}
        It works once, until {fmt(state.expiresAt)}.
      </p>
      <label htmlFor="set-password-link" className="mb-1 block font-semibold">
        Set-password link
      </label>
      <input id="set-password-link" readOnly value={state.url} className="nhs-input mb-4 w-full font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
      <p>
        <Link href={`/admin/users/${state.userId}`}>Go to {state.name}&apos;s page</Link>
      </p>
    </div>
  );
}

export function InviteForm() {
  const [state, action, pending] = useActionState<LinkState, FormData>(inviteUserAction, IDLE);
  if (state.status === "link") return <ShownOnce state={state} what="Person added" />;
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form action={action} noValidate key={JSON.stringify(values ?? {})}>
      {state.status === "invalid" || state.status === "error" ? (
        <ErrorSummary errors={errors} message={state.status === "error" ? state.message : errors._form} />
      ) : null}
      <TextField name="name" label="Full name" defaultValue={values?.name} error={errors.name} autoComplete="off" maxLength={200} />
      <TextField name="email" label="Email address" type="email" defaultValue={values?.email} error={errors.email} autoComplete="off" />
      <button type="submit" className="nhs-button" disabled={pending}>
        Add user and make a set-password link
      </button>
    </form>
  );
}

export function ResetLinkForm({ userId }: { userId: string }) {
  const [state, action, pending] = useActionState<LinkState, FormData>(resetLinkAction, IDLE);
  if (state.status === "link") return <ShownOnce state={state} what="Password reset" />;
  return (
    <form action={action} noValidate>
      {state.status === "invalid" || state.status === "error" ? (
        <ErrorSummary errors={state.status === "invalid" ? state.fieldErrors : {}} message={state.status === "error" ? state.message : state.fieldErrors._form} />
      ) : null}
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="nhs-button nhs-button-warning" disabled={pending}>
        Reset password and make a link
      </button>
    </form>
  );
}
