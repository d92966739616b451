import { apiWithdrawDecision } from "@/lib/api/decisions";
import { apiHandler, baseRevisionFrom } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.withdrawDecision, async ({ actor, params, body, request }) =>
  apiWithdrawDecision(actor, params.id, baseRevisionFrom(request, body), body.reason),
);
