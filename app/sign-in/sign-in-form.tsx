"use client";

import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "../_components/error-summary";
import { TextField } from "../_components/form";
import { signInAction } from "./actions";

/** `next`: the page to return to after signing in (checked again on the server). */
export function SignInForm({ next }: { next?: string | null }) {
  const [state, action, pending] = useActionState(signInAction, IDLE);
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <form action={action} noValidate>
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {state.status === "invalid" || state.status === "error" ? (
        <ErrorSummary
          errors={state.status === "invalid" ? fieldErrors : { email: state.message }}
          message={state.status === "error" ? state.message : undefined}
        />
      ) : null}
      <TextField
        name="email"
        label="Email address"
        type="email"
        autoComplete="username"
        defaultValue={values?.email}
        error={fieldErrors.email ?? (state.status === "error" ? state.message : undefined)}
        width="max-w-md!"
      />
      <TextField name="password" label="Password" type="password" autoComplete="current-password" error={fieldErrors.password} width="max-w-md!" />
      <TextField
        name="code"
        label="Authenticator code (if you use one)"
        hint="The 6-digit code your authenticator app shows now, or one of your recovery codes"
        autoComplete="one-time-code"
        inputMode="text"
        error={fieldErrors.code}
        width="max-w-xs!"
      />
      <button type="submit" className="nhs-button" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
