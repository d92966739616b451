import { getActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { buildBoardPack } from "@/lib/meetings";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The meeting's board pack as a PDF, for the trust's board and secretary (404 otherwise). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { id } = await params;
  try {
    const pack = await buildBoardPack(actor, id);
    return new Response(new Uint8Array(pack.pdf), {
      headers: { "content-type": "application/pdf", "content-disposition": `attachment; filename="${pack.fileName}"`, "cache-control": "private, no-store" },
    });
  } catch (e) {
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    if (isAppError(e) && e.code === "conflict") return new Response(e.message, { status: 409, headers: { "content-type": "text/plain; charset=utf-8" } });
    throw e;
  }
}
