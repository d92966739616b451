"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth";
import { CHOOSABLE_KINDS, setPreferences } from "@/lib/notifications/manage";

/** Saves the person's own choice per kind of message (checked in lib). */
export async function savePreferencesAction(formData: FormData) {
  const actor = await requireActor();
  const chosen = Object.fromEntries(CHOOSABLE_KINDS.filter((k) => formData.has(k)).map((k) => [k, String(formData.get(k))]));
  await setPreferences(actor, chosen);
  revalidatePath("/settings/notifications");
  redirect("/settings/notifications?saved=1");
}
