"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "../../_components/error-summary";
import { TextField } from "../../_components/form";
import { setPasswordAction } from "./actions";

export function SetPasswordForm({ token, email }: { token: string; email: string }) {
  const [state, action, pending] = useActionState(setPasswordAction, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  return (
    <form action={action} noValidate>
      {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account the password is for. */}
      <input type="hidden" name="username" autoComplete="username" value={email} />
      <TextField
        name="password"
        label="New password"
        hint="At least 12 characters. A few unrelated words make a good one. Not your name or email address, and not a common password."
        type="password"
        autoComplete="new-password"
        error={errors.password}
        width="max-w-md!"
      />
      <TextField name="confirm" label="New password again" type="password" autoComplete="new-password" error={errors.confirm} width="max-w-md!" />
      <button type="submit" className="nhs-button" disabled={pending}>
        Set password
      </button>
    </form>
  );
}
