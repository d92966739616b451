"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { formSchema, validatedActionWithActor } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { requireActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { createApiToken, revokeApiToken } from "@/lib/tokens";

export type CreateTokenState = ActionState | { status: "created"; token: string; name: string; scope: "read" | "write"; expiresAt: string };

const TokenForm = formSchema("name", "scope", "days").transform((f) => ({
  name: f.name ?? "",
  // The schema refuses anything but "read" or "write" with a message naming the field.
  scope: (f.scope ?? "") as "read" | "write",
  days: f.days?.trim() || undefined,
}));

export const createTokenAction = validatedActionWithActor(TokenForm, async ({ actor, input }): Promise<CreateTokenState> => {
  const { token, summary } = await createApiToken(actor, input);
  revalidatePath("/settings/tokens");
  return { status: "created", token, name: summary.name, scope: summary.scope, expiresAt: summary.expiresAt.toISOString() };
});

/** A plain form (no state to show): a refusal is a flag in the address, anything else the error page. */
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
