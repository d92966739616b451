import { apiRecordPosition } from "@/lib/api/decisions";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.recordPosition, async ({ actor, params, body }) => apiRecordPosition(actor, params.id, body));
