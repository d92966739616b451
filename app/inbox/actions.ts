"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { markAccessChangeSeen } from "@/lib/admin/access-changes";
import { requireActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";

export async function markAccessChangeSeenAction(formData: FormData) {
  const actor = await requireActor();
  try {
    await markAccessChangeSeen(actor, { changeId: String(formData.get("changeId") ?? "") });
  } catch (e) {
    if (!isAppError(e)) throw e;
  }
  revalidatePath("/inbox");
  redirect("/inbox");
}
