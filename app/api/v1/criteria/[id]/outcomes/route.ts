import { apiRecordOutcome } from "@/lib/api/decisions";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.recordOutcome, async ({ actor, params, body }) => apiRecordOutcome(actor, params.id, body));
