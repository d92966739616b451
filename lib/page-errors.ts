import "server-only";
import { notFound } from "next/navigation";
import { isAppError } from "./errors";

/** For pages: runs a lib read, turning "not found" (and "forbidden" reads) into the 404 page. */
export async function orNotFound<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) notFound();
    throw e;
  }
}
