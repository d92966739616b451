"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { echoValues, stateFromError, type ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/tokens";

export type CreateTokenState = ActionState | { status: "created"; token: string; name: string; scope: "read" | "write"; expiresAt: string };

export async function createTokenAction(_prev: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const actor = await requireActor();
  const values = echoValues(formData);
  try {
    const { token, summary } = await createApiToken(actor, {
      name: String(formData.get("name") ?? ""),
      // The schema refuses anything but "read" or "write" with a message naming the field.
      scope: String(formData.get("scope") ?? "") as "read" | "write",
      days: String(formData.get("days") ?? "").trim() || undefined,
    });
    revalidatePath("/settings/tokens");
    return { status: "created", token, name: summary.name, scope: summary.scope, expiresAt: summary.expiresAt.toISOString() };
  } catch (e) {
    return stateFromError(e, values);
  }
}

export async function revokeTokenAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await revokeApiToken(actor, { id: String(formData.get("id") ?? "") });
  } catch (e) {
    if (!isAppError(e)) throw e;
    redirect("/settings/tokens?revoke-failed=1");
  }
  revalidatePath("/settings/tokens");
  redirect("/settings/tokens?revoked=1");
}
