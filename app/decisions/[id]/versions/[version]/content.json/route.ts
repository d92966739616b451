import { getActor } from "@/lib/auth";
import { getDecisionVersion } from "@/lib/decisions";
import { canonicalVersionJson } from "@/lib/decisions/content";
import { isAppError } from "@/lib/errors";

/** The exact bytes that were hashed: `sha256sum` of this file is the version's content hash. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; version: string }> }) {
  const { id, version } = await params;
  const actor = await getActor();
  if (!actor || !/^\d+$/.test(version)) return new Response("Not found", { status: 404 });
  try {
    const v = await getDecisionVersion(actor, id, Number(version));
    return new Response(canonicalVersionJson(v.content), {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="decision-${id}-v${version}.json"`,
        "x-content-sha256": v.contentHash,
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return new Response("Not found", { status: 404 });
    throw e;
  }
}
