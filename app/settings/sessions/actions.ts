"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { endMyOtherSessions, endMySession } from "@/lib/auth/sessions";
import { isAppError } from "@/lib/errors";

/** Plain forms: the result is a flag in the address. */
export async function endSessionAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await endMySession(actor, { sessionId: String(formData.get("sessionId") ?? "") });
  } catch (e) {
    if (!isAppError(e)) throw e;
    redirect("/settings/sessions?not-found=1");
  }
  revalidatePath("/settings/sessions");
  redirect("/settings/sessions?ended=1");
}

export async function endOtherSessionsAction() {
  const actor = await requireActor();
  const n = await endMyOtherSessions(actor);
  revalidatePath("/settings/sessions");
  redirect(`/settings/sessions?ended-others=${n}`);
}
