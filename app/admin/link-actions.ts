"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { formSchema, validatedActionWithActor } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { deliverPasswordLink } from "@/lib/auth/password-link-delivery";
import { inviteUser, originFrom, resetPasswordByLink } from "@/lib/auth/password-links";

export type LinkState = ActionState | { status: "link"; url: string; expiresAt: string; userId: string; name: string; emailed: boolean };

export const inviteUserAction = validatedActionWithActor(formSchema("email", "name"), async ({ actor, input }): Promise<LinkState> => {
  const { userId, link } = await inviteUser(actor, input, { origin: originFrom(await headers()) });
  const emailed = await deliverPasswordLink(link);
  revalidatePath("/admin/users");
  return { status: "link", url: link.url, expiresAt: link.expiresAt.toISOString(), userId, name: link.to.name, emailed };
});

export const resetLinkAction = validatedActionWithActor(
  formSchema("userId"),
  async ({ actor, input }): Promise<LinkState> => {
    const userId = input.userId ?? "";
    const link = await resetPasswordByLink(actor, { userId }, { origin: originFrom(await headers()) });
    const emailed = await deliverPasswordLink(link);
    return { status: "link", url: link.url, expiresAt: link.expiresAt.toISOString(), userId, name: link.to.name, emailed };
  },
  { echo: false },
);
