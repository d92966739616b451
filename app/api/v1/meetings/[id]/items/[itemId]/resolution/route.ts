import { apiHandler } from "@/lib/api/handler";
import { apiRecordResolution } from "@/lib/api/meetings";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.recordResolution, async ({ actor, params, body }) => apiRecordResolution(actor, params.id, params.itemId, body));
