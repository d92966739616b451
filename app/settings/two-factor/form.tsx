"use client";

import Link from "@/app/_components/link";
import { useActionState } from "react";
import { IDLE } from "@/lib/action-state";
import { ErrorSummary } from "../../_components/error-summary";
import { TextField } from "../../_components/form";
import { confirmTotpAction, type EnrolState } from "./actions";

export function ConfirmTotpForm() {
  const [state, action, pending] = useActionState<EnrolState, FormData>(confirmTotpAction, IDLE);
  if (state.status === "enrolled") {
    return (
      <div role="status">
        <h2 className="mb-2 text-2xl">Your authenticator app is set up</h2>
        <p className="mb-2 max-w-prose">
          Keep these recovery codes somewhere safe, away from your phone. Each works once, instead of a code, if you lose your phone. They are shown
          only now.
        </p>
        <ul aria-label="Recovery codes" className="mb-6 grid max-w-md grid-cols-2 gap-2 font-mono">
          {state.recoveryCodes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <p>
          <Link href="/" className="nhs-button">
            Continue to Fulcrum
          </Link>
        </p>
      </div>
    );
  }
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  return (
    <form action={action} noValidate>
      {state.status === "invalid" || state.status === "error" ? <ErrorSummary errors={errors} message={state.status === "error" ? state.message : undefined} /> : null}
      <TextField name="code" label="Code from your authenticator app" hint="6 digits, like 123456" autoComplete="one-time-code" inputMode="numeric" error={errors.code} width="max-w-xs!" />
      <button type="submit" className="nhs-button" disabled={pending}>
        Confirm
      </button>
    </form>
  );
}
