import "server-only";
import { readBodyLimited } from "@/lib/api/handler";
import { getActor } from "@/lib/auth";
import { MAX_IMPORT_BYTES, mayImport } from "@/lib/decisions";
import { GENERIC_FAILURE, isAppError } from "@/lib/errors";
import type { Actor } from "@/lib/access";
import { logError } from "@/lib/log-error";
import { limitHeavyRequest } from "@/lib/rate-limit";

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } });

/**
 * The two import requests (check, run) of the import page. Cookie-authenticated, so guarded against
 * cross-site use: same-origin only, and a `text/csv` body (a cross-site page cannot send that type
 * without a CORS preflight, which is never granted).
 */
export async function handleImport(request: Request, run: (actor: Actor, text: string) => Promise<unknown>): Promise<Response> {
  const origin = request.headers.get("origin");
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!origin || !host || new URL(origin).host !== host) return json({ error: { code: "forbidden", message: "Send the file from Fulcrum's import page" } }, 403);
  if (!request.headers.get("content-type")?.startsWith("text/csv")) return json({ error: { code: "invalid", message: "Send the file as text/csv" } }, 400);
  const actor = await getActor();
  if (!actor || !mayImport(actor)) return json({ error: { code: "not_found", message: "Page not found" } }, 404);
  try {
    await limitHeavyRequest(actor, "import");
    const text = await readBodyLimited(request, MAX_IMPORT_BYTES);
    return json(await run(actor, text));
  } catch (e) {
    if (isAppError(e)) {
      const status = e.code === "too_large" ? 413 : e.status;
      const message = e.code === "too_large" ? "The file is over 10 MB: split it into smaller files" : e.message;
      return json({ error: { code: e.code, message, errors: (e.details as { errors?: unknown } | undefined)?.errors ?? [] } }, status);
    }
    logError("[import]", e);
    return json({ error: { code: "internal", message: GENERIC_FAILURE } }, 500);
  }
}
