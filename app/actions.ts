"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { homePathFor } from "@/lib/access";
import { ACTIVE_MEMBERSHIP_COOKIE, requireActor, signOut } from "@/lib/auth";

export async function signOutAction() {
  const c = await cookies();
  c.delete(ACTIVE_MEMBERSHIP_COOKIE);
  await signOut({ redirectTo: "/sign-in?signed-out=1" });
}

/** Acting as another of one's own memberships changes the home page and navigation, not access. */
export async function switchMembershipAction(formData: FormData) {
  const actor = await requireActor();
  const id = String(formData.get("membershipId") ?? "");
  const m = actor.memberships.find((x) => x.id === id);
  if (!m) redirect("/");
  const c = await cookies();
  c.set(ACTIVE_MEMBERSHIP_COOKIE, m.id, { httpOnly: true, sameSite: "lax", path: "/", secure: process.env.FULCRUM_SECURE_COOKIES === "1" });
  redirect(homePathFor(m));
}
