import { apiCreateDecision, apiListDecisions } from "@/lib/api/decisions";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.listDecisions, async ({ actor, query }) => apiListDecisions(actor, query));

export const POST = apiHandler(routes.createDecision, async ({ actor, body }) => apiCreateDecision(actor, body));
