"use server";

import { redirect } from "next/navigation";
import { formSchema, validatedAction } from "@/lib/actions";
import type { ActionState } from "@/lib/action-state";
import { setPasswordWithLink } from "@/lib/auth/password-links";

export const setPasswordAction = validatedAction(
  formSchema("token", "password", "confirm"),
  async ({ input }): Promise<ActionState> => {
    await setPasswordWithLink(input.token ?? "", { password: input.password ?? "", confirm: input.confirm ?? "" });
    redirect("/sign-in?password-set=1");
  },
  { echo: false },
);
