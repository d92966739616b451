"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "../_components/error-summary";
import { TextField } from "../_components/form";
import { forgotPasswordAction } from "./actions";

export function ForgotForm() {
  const [state, action, pending] = useActionState(forgotPasswordAction, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  return (
    <form action={action} noValidate>
      {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
      <TextField name="email" label="Email address" type="email" autoComplete="username" error={errors.email} width="max-w-md!" />
      <button type="submit" className="nhs-button" disabled={pending}>
        Send me a link
      </button>
    </form>
  );
}
