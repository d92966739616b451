"use client";

import { useActionState, type ReactNode } from "react";
import { IDLE, type ActionState } from "@/lib/action-state";
import { ErrorSummary } from "../_components/error-summary";
import { Choices, Select, TextArea, TextField } from "../_components/form";
import {
  addMembershipAction,
  createOrganisationAction,
  removeMembershipAction,
  resetSecondFactorAction,
  setUserDisabledAction,
  signOutEverywhereAction,
  unlinkSsoAction,
  updateOrganisationAction,
} from "./actions";

type Option = { value: string; label: string };

function useForm(action: (prev: ActionState, fd: FormData) => Promise<ActionState>) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const errors = state.status === "invalid" ? state.fieldErrors : {};
  const values = state.status === "invalid" || state.status === "error" ? state.values : undefined;
  const summary =
    state.status === "invalid" || state.status === "error" ? (
      <ErrorSummary errors={errors} message={state.status === "error" ? state.message : errors._form} />
    ) : null;
  return { formAction, pending, errors, values, summary };
}

export type OrganisationFormValues = {
  id?: string;
  kind: string;
  name: string;
  ods: string;
  icsOds: string;
  trustType: string;
  foundationTrust: string;
  turnoverM: string;
  signOffMinSupport: string;
  chairsActionNeds?: string;
  signOffChairRequired: string;
  policyChangeReason?: string;
};

export function OrganisationForm({
  initial,
  icsOptions,
  trustTypeOptions,
  kindOptions,
  awaitingSignOff,
}: {
  /** Editing a trust: how many of its decisions await sign-off (said beside the policy). */
  awaitingSignOff?: number;
  initial: OrganisationFormValues;
  icsOptions: Option[];
  trustTypeOptions: Option[];
  kindOptions: Option[];
}) {
  const editing = !!initial.id;
  const { formAction, pending, errors, values, summary } = useForm(editing ? updateOrganisationAction : createOrganisationAction);
  const v = { ...initial, ...values } as OrganisationFormValues;
  return (
    <form action={formAction} noValidate key={JSON.stringify(values ?? {})}>
      {summary}
      {editing ? <input type="hidden" name="id" value={initial.id} /> : null}
      {editing ? (
        <input type="hidden" name="kind" value={initial.kind} />
      ) : (
        <Choices name="kind" legend="Kind of organisation" type="radio" options={kindOptions} defaultValue={v.kind} error={errors.kind} />
      )}
      <TextField name="name" label="Name" defaultValue={v.name} error={errors.name} maxLength={200} />
      <TextField
        name="ods"
        label="ODS code"
        hint="The Organisation Data Service code, like RNA for a trust or QNV for an ICS"
        defaultValue={v.ods}
        error={errors.ods}
        width="max-w-40!"
        autoComplete="off"
      />
      {v.kind === "trust" || !editing ? (
        <fieldset className="mb-6 border-t border-nhs-border pt-4">
          <legend className="mb-2 text-xl font-bold">{editing ? "Trust details" : "Trusts only"}</legend>
          <Select name="icsOds" label="The Integrated Care System (ICS) it belongs to" options={icsOptions} placeholder="Select the trust's ICS" defaultValue={v.icsOds} error={errors.icsOds} />
          <Select name="trustType" label="Trust type" options={trustTypeOptions} placeholder="Select the trust type" defaultValue={v.trustType} error={errors.trustType} />
          <Choices
            name="foundationTrust"
            legend="Is it a foundation trust?"
            type="radio"
            inline
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            defaultValue={v.foundationTrust}
            error={errors.foundationTrust}
          />
          <TextField
            name="turnoverM"
            label="Annual turnover, in £ million"
            hint="To the nearest £10m, like 450"
            inputMode="numeric"
            defaultValue={v.turnoverM}
            error={errors.turnoverM}
            width="max-w-40!"
          />
          <TextField
            name="signOffMinSupport"
            label="Board members who must support a decision before it is signed off"
            hint="The sign-off quorum. Usually 3"
            inputMode="numeric"
            defaultValue={v.signOffMinSupport}
            error={errors.signOffMinSupport}
            width="max-w-24!"
          />
          <Choices
            name="signOffChairRequired"
            legend="Must the Chair be one of them?"
            type="radio"
            inline
            options={[
              { value: "yes", label: "Yes" },
              { value: "no", label: "No" },
            ]}
            defaultValue={v.signOffChairRequired}
            error={errors.signOffChairRequired}
          />
          <Choices
            name="chairsActionNeds"
            legend="Chair's action: non-executive directors who must support with the Chair"
            hint="For an urgent decision between meetings, as the trust's standing orders say. The next board meeting is asked to ratify it."
            type="radio"
            inline
            options={[
              { value: "1", label: "One" },
              { value: "2", label: "Two" },
            ]}
            defaultValue={v.chairsActionNeds ?? "1"}
            error={errors.chairsActionNeds}
          />
          {editing ? (
            <>
              <p className="mb-4" data-testid="policy-waiting">
                {awaitingSignOff === 1 ? "1 decision is" : `${awaitingSignOff ?? 0} decisions are`} awaiting sign-off at this trust. A new policy
                applies to {awaitingSignOff === 1 ? "it" : "them"} at once: when you save, each is checked against the new policy, and any whose
                current positions meet it is signed off now, recorded in the audit log with your reason. The others stay awaiting sign-off.
              </p>
              <TextArea
                name="policyChangeReason"
                label="Reason for changing the sign-off policy"
                hint="Needed only if you change the number of supporting members, the Chair rule or Chair's action"
                defaultValue={v.policyChangeReason}
                error={errors.policyChangeReason}
                rows={3}
              />
            </>
          ) : null}
        </fieldset>
      ) : null}
      <button type="submit" className="nhs-button" disabled={pending}>
        {editing ? "Save changes" : "Add organisation"}
      </button>
    </form>
  );
}

export function MembershipForm({
  userId,
  email,
  orgOptions,
  roleOptions,
  seatOptions,
}: {
  userId: string;
  email: string;
  orgOptions: Option[];
  roleOptions: Option[];
  seatOptions: Option[];
}) {
  const { formAction, pending, errors, values, summary } = useForm(addMembershipAction);
  return (
    <form action={formAction} noValidate key={JSON.stringify(values ?? {})}>
      {summary}
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="email" value={email} />
      {errors.email ? <p className="nhs-error-message">{errors.email}</p> : null}
      <Select name="ods" label="Organisation" options={orgOptions} placeholder="Select an organisation" defaultValue={values?.ods} error={errors.ods} />
      <Select
        name="role"
        label="Role"
        hint="Chief Executive, board member and Company Secretary are roles on a trust; ICS lead on an ICS; national analyst and administrator on a national body"
        options={roleOptions}
        placeholder="Select a role"
        defaultValue={values?.role}
        error={errors.role}
      />
      <Select name="seat" label="Board seat" hint="Board members only" options={seatOptions} placeholder="No seat (not a board member)" defaultValue={values?.seat} error={errors.seat} />
      <button type="submit" className="nhs-button" disabled={pending}>
        Add membership
      </button>
    </form>
  );
}

/** A one-button form (remove, disable) that shows its refusal beside the button. */
export function ActionButton({
  kind,
  fields,
  label,
  className = "nhs-button nhs-button-secondary",
}: {
  kind: "remove-membership" | "set-disabled" | "sign-out-everywhere" | "unlink-sso" | "reset-second-factor";
  fields: Record<string, string>;
  label: ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(
    kind === "remove-membership"
      ? removeMembershipAction
      : kind === "sign-out-everywhere"
        ? signOutEverywhereAction
        : kind === "unlink-sso"
          ? unlinkSsoAction
          : kind === "reset-second-factor"
            ? resetSecondFactorAction
            : setUserDisabledAction,
    IDLE,
  );
  const message = state.status === "error" ? state.message : state.status === "invalid" ? Object.values(state.fieldErrors)[0] : null;
  return (
    <form action={formAction}>
      {Object.entries(fields).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {message ? (
        <p role="alert" className="nhs-error-message">
          {message}
        </p>
      ) : null}
      <button type="submit" className={className} disabled={pending}>
        {label}
      </button>
    </form>
  );
}
