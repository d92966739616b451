"use server";

import { formSchema, validatedAction } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { requireActorAllowingEnrolment } from "@/lib/auth";
import { confirmTotpEnrolment } from "@/lib/auth/totp";

export type EnrolState = ActionState | { status: "enrolled"; recoveryCodes: string[] };

export const confirmTotpAction = validatedAction(
  formSchema("code"),
  async ({ input }): Promise<EnrolState> => {
    const actor = await requireActorAllowingEnrolment();
    const recoveryCodes = await confirmTotpEnrolment(actor, { code: input.code ?? "" });
    return { status: "enrolled", recoveryCodes };
  },
  { echo: false },
);
