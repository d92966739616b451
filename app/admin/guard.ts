import "server-only";
import { notFound } from "next/navigation";
import { isAdmin, type Actor } from "@/lib/access";
import { requireActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";

/** Administration pages: signed in, and an administrator; anyone else gets "Page not found". */
export async function requireAdmin(): Promise<Actor> {
  const actor = await requireActor();
  if (!isAdmin(actor)) notFound();
  return actor;
}

/** A lib read whose not-found becomes the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") notFound();
    throw e;
  }
}
