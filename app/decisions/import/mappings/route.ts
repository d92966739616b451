import { getActor } from "@/lib/auth";
import { getImportMapping, mayImport, saveImportMapping } from "@/lib/decisions";
import { GENERIC_FAILURE, isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

async function guarded(request: Request, fn: (actor: NonNullable<Awaited<ReturnType<typeof getActor>>>) => Promise<unknown>) {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (request.method !== "GET" && (!origin || !host || new URL(origin).host !== host)) return json({ error: { code: "forbidden", message: "Save the mapping from Fulcrum's import page" } }, 403);
  const actor = await getActor();
  if (!actor || !mayImport(actor)) return json({ error: { code: "not_found", message: "Page not found" } }, 404);
  try {
    return json(await fn(actor));
  } catch (e) {
    if (isAppError(e)) return json({ error: { code: e.code, message: e.message, fieldErrors: e.fieldErrors ?? {} } }, e.status);
    console.error("[import mappings] failed", e);
    return json({ error: { code: "internal", message: GENERIC_FAILURE } }, 500);
  }
}

/** A saved mapping of a trust the actor may import into (another trust's: 404). */
export const GET = (request: Request) => guarded(request, (actor) => getImportMapping(actor, new URL(request.url).searchParams.get("id") ?? ""));

/** Saves the mapping for the trust, by name. */
export const POST = (request: Request) =>
  guarded(request, async (actor) => {
    if (!request.headers.get("content-type")?.startsWith("application/json")) return { error: "Send JSON" };
    const body = (await request.json().catch(() => ({}))) as { trust?: string; name?: string; mapping?: unknown };
    return saveImportMapping(actor, { trust: body.trust ?? "", name: body.name ?? "", mapping: body.mapping });
  });
