"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { signIn } from "@/lib/auth";
import type { ActionState } from "@/lib/action-state";
import { INVALID_MESSAGE, lockedMessage } from "@/lib/auth/sign-in";

export async function signInAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const email = String(formData.get("email") ?? "").trim();
  const password = String(formData.get("password") ?? "");
  const fieldErrors: Record<string, string> = {};
  if (!email) fieldErrors.email = "Enter your email address";
  if (!password) fieldErrors.password = "Enter your password";
  if (Object.keys(fieldErrors).length) return { status: "invalid", fieldErrors, values: { email } };
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return { status: "ok" };
  } catch (e) {
    if (e instanceof CredentialsSignin && e.code?.startsWith("locked_")) {
      return { status: "error", message: lockedMessage(Number(e.code.slice(7)) || 15), values: { email } };
    }
    if (e instanceof AuthError) return { status: "error", message: INVALID_MESSAGE, values: { email } };
    throw e; // the redirect after a successful sign-in
  }
}
