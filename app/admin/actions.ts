"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { addMembership, createOrganisation, createUser, removeMembership, resetPassword, setUserDisabled, updateOrganisation } from "@/lib/admin";
import { echoValues, stateFromError, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth";

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === "string" ? v : undefined;
};

/** The form's fields in the API's wire names (the lib schemas accept form strings too). */
function organisationFields(fd: FormData) {
  return {
    kind: str(fd, "kind"),
    name: str(fd, "name"),
    ods: str(fd, "ods"),
    icsOds: str(fd, "icsOds"),
    trustType: str(fd, "trustType"),
    foundationTrust: str(fd, "foundationTrust"),
    turnoverM: str(fd, "turnoverM"),
    signOffMinSupport: str(fd, "signOffMinSupport"),
    signOffChairRequired: str(fd, "signOffChairRequired"),
  };
}

export async function createOrganisationAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  let id: string;
  try {
    id = (await createOrganisation(actor, organisationFields(fd))).id;
  } catch (e) {
    return stateFromError(e, echoValues(fd));
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/organisations?created=${id}`);
}

export async function updateOrganisationAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const id = str(fd, "id") ?? "";
  try {
    await updateOrganisation(actor, id, organisationFields(fd));
  } catch (e) {
    return stateFromError(e, echoValues(fd));
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/organisations?updated=${id}`);
}

export async function createUserAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  let id: string;
  try {
    id = (await createUser(actor, { email: str(fd, "email"), name: str(fd, "name"), password: str(fd, "password") })).id;
  } catch (e) {
    return stateFromError(e, echoValues(fd));
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${id}?created=1`);
}

export async function resetPasswordAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const userId = str(fd, "userId") ?? "";
  try {
    await resetPassword(actor, { userId, password: str(fd, "password") });
  } catch (e) {
    return stateFromError(e, echoValues(fd));
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=password`);
}

export async function setUserDisabledAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const userId = str(fd, "userId") ?? "";
  const disabled = str(fd, "disabled") === "yes";
  try {
    await setUserDisabled(actor, { userId, disabled });
  } catch (e) {
    return stateFromError(e);
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=${disabled ? "disabled" : "enabled"}`);
}

export async function addMembershipAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const userId = str(fd, "userId") ?? "";
  try {
    await addMembership(actor, { email: str(fd, "email"), ods: str(fd, "ods"), role: str(fd, "role"), seat: str(fd, "seat") });
  } catch (e) {
    return stateFromError(e, echoValues(fd));
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=membership-added`);
}

export async function removeMembershipAction(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const actor = await requireActor();
  const userId = str(fd, "userId") ?? "";
  try {
    await removeMembership(actor, { membershipId: str(fd, "membershipId") ?? "" });
  } catch (e) {
    return stateFromError(e);
  }
  revalidatePath("/admin", "layout");
  redirect(`/admin/users/${userId}?done=membership-removed`);
}
