import { isAppError, GENERIC_FAILURE, type FieldErrors } from "./errors";
import { logError } from "./log-error";
import { DATABASE_UNAVAILABLE } from "./db-unavailable";
import { noteDatabaseError } from "./db-health";

/** What every server action returns to its form (STYLE.md, "Actions, routes, errors"). */
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message?: string }
  | { status: "invalid"; message?: string; fieldErrors: FieldErrors; values?: Record<string, string> }
  | { status: "error"; message: string; values?: Record<string, string> };

export const IDLE: ActionState = { status: "idle" };

/** The submitted text fields, to put back in the form after a refusal (never passwords). */
export function echoValues(formData: FormData, omit: string[] = ["password"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v === "string" && !k.startsWith("$") && !omit.some((o) => k.toLowerCase().includes(o))) {
      out[k] = k in out ? `${out[k]}\n${v}` : v;
    }
  }
  return out;
}

/** Turns a thrown error into the form's state: public messages shown, anything else logged. */
export function stateFromError(e: unknown, values?: Record<string, string>): ActionState {
  if (isAppError(e)) {
    if (e.code === "invalid") return { status: "invalid", message: e.message, fieldErrors: e.fieldErrors ?? {}, values };
    return { status: "error", message: e.message, values };
  }
  logError("[action]", e);
  if (noteDatabaseError(e)) return { status: "error", message: DATABASE_UNAVAILABLE, values };
  return { status: "error", message: GENERIC_FAILURE, values };
}
