"use server";

import { addMembership, createOrganisation, removeMembership, resetSecondFactor, setUserDisabled, signOutEverywhere, unlinkUserIdentity, updateOrganisation } from "@/lib/admin";
import { formSchema, redirectAfter, validatedActionWithActor } from "@/lib/actions";

// The forms' fields in the API's wire names (the lib schemas accept form strings and check them).
const ORGANISATION = ["kind", "name", "ods", "icsOds", "trustType", "foundationTrust", "turnoverM", "signOffMinSupport", "signOffChairRequired", "chairsActionNeds"] as const;
const ADMIN = ["/admin", "layout"] as const;

export const createOrganisationAction = validatedActionWithActor(formSchema(...ORGANISATION), async ({ actor, input }) => {
  const { id } = await createOrganisation(actor, input);
  return redirectAfter(`/admin/organisations?created=${id}`, ADMIN);
});

export const updateOrganisationAction = validatedActionWithActor(formSchema("id", ...ORGANISATION, "policyChangeReason"), async ({ actor, input: { id = "", ...fields } }) => {
  await updateOrganisation(actor, id, fields);
  return redirectAfter(`/admin/organisations?updated=${id}`, ADMIN);
});

export const setUserDisabledAction = validatedActionWithActor(
  formSchema("userId", "disabled"),
  async ({ actor, input }) => {
    const userId = input.userId ?? "";
    const disabled = input.disabled === "yes";
    await setUserDisabled(actor, { userId, disabled });
    return redirectAfter(`/admin/users/${userId}?done=${disabled ? "disabled" : "enabled"}`, ADMIN);
  },
  { echo: false },
);

export const addMembershipAction = validatedActionWithActor(formSchema("userId", "email", "ods", "role", "seat"), async ({ actor, input: { userId = "", ...fields } }) => {
  await addMembership(actor, fields);
  return redirectAfter(`/admin/users/${userId}?done=membership-added`, ADMIN);
});

export const removeMembershipAction = validatedActionWithActor(
  formSchema("userId", "membershipId"),
  async ({ actor, input }) => {
    await removeMembership(actor, { membershipId: input.membershipId ?? "" });
    return redirectAfter(`/admin/users/${input.userId ?? ""}?done=membership-removed`, ADMIN);
  },
  { echo: false },
);

export const signOutEverywhereAction = validatedActionWithActor(
  formSchema("userId"),
  async ({ actor, input }) => {
    await signOutEverywhere(actor, { userId: input.userId ?? "" });
    return redirectAfter(`/admin/users/${input.userId ?? ""}?done=signed-out`, ADMIN);
  },
  { echo: false },
);

export const unlinkSsoAction = validatedActionWithActor(
  formSchema("userId", "identityId"),
  async ({ actor, input }) => {
    await unlinkUserIdentity(actor, { userId: input.userId ?? "", identityId: input.identityId ?? "" });
    return redirectAfter(`/admin/users/${input.userId ?? ""}?done=sso-unlinked`, ADMIN);
  },
  { echo: false },
);

export const resetSecondFactorAction = validatedActionWithActor(
  formSchema("userId"),
  async ({ actor, input }) => {
    const removed = await resetSecondFactor(actor, { userId: input.userId ?? "" });
    return redirectAfter(`/admin/users/${input.userId ?? ""}?done=${removed ? "second-factor-reset" : "no-second-factor"}`, ADMIN);
  },
  { echo: false },
);
