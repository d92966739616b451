"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { retryMessage } from "@/lib/notifications/manage";

/** Sends a failed or unsent message again at the sender loop's next run. */
export async function retryMailAction(formData: FormData) {
  const actor = await requireActor();
  await retryMessage(actor, String(formData.get("id") ?? ""));
  revalidatePath("/admin/mail");
  redirect("/admin/mail?retried=1");
}
