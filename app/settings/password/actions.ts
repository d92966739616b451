"use server";

import { redirect } from "next/navigation";
import { formSchema, validatedActionWithActor } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { changePassword } from "@/lib/auth/password-links";

export const changePasswordAction = validatedActionWithActor(
  formSchema("current", "password", "confirm"),
  async ({ actor, input }): Promise<ActionState> => {
    await changePassword(actor, input);
    redirect("/settings/password?changed=1");
  },
  { echo: false },
);
