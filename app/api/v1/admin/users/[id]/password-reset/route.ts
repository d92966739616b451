import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { passwordLinkToWire } from "@/lib/api/wire";
import { deliverPasswordLink } from "@/lib/auth/password-link-delivery";
import { originFrom, resetPasswordByLink } from "@/lib/auth/password-links";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.resetUserPassword, async ({ actor, params, request }) => {
  const link = await resetPasswordByLink(actor, { userId: params.id }, { origin: originFrom(request.headers) });
  return passwordLinkToWire(link, await deliverPasswordLink(link));
});
