"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { signIn } from "@/lib/auth";
import { safeReturnPath } from "@/lib/auth/return-path";
import { CODE_NEEDED_MESSAGE, CODE_WRONG_MESSAGE, INVALID_MESSAGE, lockedMessage } from "@/lib/auth/sign-in";

const SignInForm = z.object({
  email: z.string({ error: "Enter your email address" }).trim().min(1, { error: "Enter your email address" }),
  password: z.string({ error: "Enter your password" }).min(1, { error: "Enter your password" }),
  code: z.string().max(40, { error: "The code must be 40 characters or fewer" }).optional(),
  next: z.string().optional(),
});

export const signInAction = validatedAction(
  SignInForm,
  async ({ input }): Promise<ActionState> => {
    const { next, ...credentials } = input;
    // Back to the page that was asked for (an e-mail's link), if it is a safe path on this site.
    await signIn("credentials", { ...credentials, redirectTo: safeReturnPath(next) ?? "/" }); // redirects on success
    return { status: "ok" };
  },
  {
    // Never the password; the address as it was checked.
    echo: (fd) => ({ email: String(fd.get("email") ?? "").trim() }),
    onError: (e, values): ActionState | undefined => {
      if (e instanceof CredentialsSignin && e.code?.startsWith("locked_")) return { status: "error", message: lockedMessage(Number(e.code.slice(7)) || 15), values };
      if (e instanceof CredentialsSignin && e.code === "code_needed") return { status: "invalid", fieldErrors: { code: CODE_NEEDED_MESSAGE }, values };
      if (e instanceof CredentialsSignin && e.code === "code_wrong") return { status: "invalid", fieldErrors: { code: CODE_WRONG_MESSAGE }, values };
      if (e instanceof AuthError) return { status: "error", message: INVALID_MESSAGE, values };
      return undefined;
    },
  },
);

/** Single sign-on: off to the organisation's identity provider (Auth.js sets PKCE, state and nonce). */
export async function ssoSignInAction(formData: FormData): Promise<void> {
  const next = safeReturnPath(typeof formData.get("next") === "string" ? String(formData.get("next")) : undefined);
  await signIn("oidc", { redirectTo: next ?? "/" }); // redirects
}
