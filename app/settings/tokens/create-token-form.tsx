"use client";

import { useActionState } from "react";
import { ErrorSummary } from "../../_components/error-summary";
import { Choices, TextField } from "../../_components/form";
import { createTokenAction, type CreateTokenState } from "./actions";

const IDLE: CreateTokenState = { status: "idle" };

export function CreateTokenForm({ defaultDays, maxDays }: { defaultDays: number; maxDays: number }) {
  const [state, action, pending] = useActionState(createTokenAction, IDLE);
  const fieldErrors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  return (
    <>
      {state.status === "created" ? (
        <div className="nhs-panel mb-8 border-l-8 border-nhs-green" role="status" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading" className="mb-2 text-2xl">
            Your new token: {state.name}
          </h2>
          <p className="mb-3">
            Copy it now and keep it somewhere safe, such as a password manager. <strong>You will not see it again.</strong> It is{" "}
            {state.scope === "write" ? "allowed to read and write" : "read-only"}.
          </p>
          <label htmlFor="new-token" className="nhs-label">
            Token
          </label>
          <input
            id="new-token"
            readOnly
            value={state.token}
            onFocus={(e) => e.currentTarget.select()}
            className="nhs-input mb-2 font-mono text-sm"
            aria-describedby="new-token-hint"
          />
          <p id="new-token-hint" className="nhs-hint">
            Select the box and copy (Ctrl+C, or ⌘C on a Mac). Send it as <code>Authorization: Bearer</code> followed by the token.
          </p>
        </div>
      ) : null}
      <form action={action} noValidate aria-labelledby="create-heading">
        <h2 id="create-heading" className="mb-4 text-2xl">
          Create a token
        </h2>
        {state.status === "invalid" || state.status === "error" ? (
          <ErrorSummary errors={fieldErrors} message={state.status === "error" ? state.message : undefined} />
        ) : null}
        <TextField
          name="name"
          label="Name"
          hint="Say what will use it, like “Power BI extract”."
          defaultValue={values?.name}
          error={fieldErrors.name}
          maxLength={100}
          width="max-w-md!"
        />
        <Choices
          name="scope"
          legend="What may it do?"
          type="radio"
          error={fieldErrors.scope}
          defaultValue={values?.scope ?? "read"}
          options={[
            { value: "read", label: "Read only", hint: "Read decisions and figures you can see. Best for reporting tools." },
            { value: "write", label: "Read and write", hint: "Also create and change things you are allowed to change." },
          ]}
        />
        <TextField
          name="days"
          label="Days until it expires"
          hint={`${defaultDays} days unless you say otherwise; at most ${maxDays}.`}
          inputMode="numeric"
          defaultValue={values?.days ?? String(defaultDays)}
          error={fieldErrors.days}
          width="max-w-[8rem]!"
        />
        <button type="submit" className="nhs-button" disabled={pending}>
          {pending ? "Creating…" : "Create token"}
        </button>
      </form>
    </>
  );
}
