import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { tokenToWire } from "@/lib/api/wire";
import { listApiTokens } from "@/lib/tokens";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.listTokens, async ({ actor }) => ({ data: (await listApiTokens(actor)).map(tokenToWire) }));
