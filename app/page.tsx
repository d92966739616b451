import { redirect } from "next/navigation";
import { activeMembership, homePathFor } from "@/lib/access";
import { getActor } from "@/lib/auth";

export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/sign-in");
  redirect(homePathFor(activeMembership(actor)));
}
