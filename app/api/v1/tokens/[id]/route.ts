import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { tokenToWire } from "@/lib/api/wire";
import { revokeApiToken } from "@/lib/tokens";

export const dynamic = "force-dynamic";

export const DELETE = apiHandler(routes.revokeToken, async ({ actor, params }) => tokenToWire(await revokeApiToken(actor, { id: params.id })));
