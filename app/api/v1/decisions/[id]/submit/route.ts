import { apiSubmitDecision } from "@/lib/api/decisions";
import { apiHandler, baseRevisionFrom } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.submitDecision, async ({ actor, params, body, request }) =>
  apiSubmitDecision(actor, params.id, baseRevisionFrom(request, body)),
);
