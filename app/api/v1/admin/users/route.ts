import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { invitationToWire } from "@/lib/api/wire";
import { deliverPasswordLink } from "@/lib/auth/password-link-delivery";
import { inviteUser, originFrom } from "@/lib/auth/password-links";

export const dynamic = "force-dynamic";

// Nobody sets another person's password (issue 11): the person is invited by a set-password link.
export const POST = apiHandler(routes.createUser, async ({ actor, body, request }) => {
  const { userId, link } = await inviteUser(actor, body, { origin: originFrom(request.headers) });
  return invitationToWire(userId, link, await deliverPasswordLink(link));
});
