"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { validatedAction } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { clientIp } from "@/lib/auth/client-ip";
import { deliverPasswordLink } from "@/lib/auth/password-link-delivery";
import { originFrom, requestPasswordReset } from "@/lib/auth/password-links";

const ForgotForm = z.object({
  email: z.string({ error: "Enter your email address" }).trim().min(1, { error: "Enter your email address" }).max(254, { error: "Email address must be 254 characters or fewer" }),
});

/** The same answer whether or not the account exists, or the limit was reached. */
export const forgotPasswordAction = validatedAction(ForgotForm, async ({ input }): Promise<ActionState> => {
  const h = await headers();
  const link = await requestPasswordReset({ email: input.email, ip: clientIp(h), origin: originFrom(h) });
  if (link) await deliverPasswordLink(link);
  redirect("/forgot-password?sent=1");
});
