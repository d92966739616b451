import { apiGetDecision, apiPatchDecision } from "@/lib/api/decisions";
import { apiHandler, baseRevisionFrom, etagFor, jsonResponse } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.getDecision, async ({ actor, params }) => {
  const d = await apiGetDecision(actor, params.id);
  return jsonResponse(d, 200, { etag: etagFor(d.revision) });
});

export const PATCH = apiHandler(routes.updateDecision, async ({ actor, params, body, request }) => {
  const { baseVersion: _base, ...patch } = body;
  const d = await apiPatchDecision(actor, params.id, baseRevisionFrom(request, body), patch);
  return jsonResponse(d, 200, { etag: etagFor(d.revision) });
});
