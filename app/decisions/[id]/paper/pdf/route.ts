import { getActor } from "@/lib/auth";
import { buildBoardPaper } from "@/lib/board-paper/build";
import { renderBoardPaperPdf } from "@/lib/board-paper/pdf";
import { isAppError } from "@/lib/errors";
import { limitHeavyRequest, tooManyResponse } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The board paper as a PDF download, for anyone who may read the decision (404 otherwise). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { id } = await params;
  try {
    await limitHeavyRequest(actor, "paper");
    const paper = await buildBoardPaper(actor, id);
    const pdf = await renderBoardPaperPdf(paper);
    return new Response(new Uint8Array(pdf), {
      headers: {
        "content-type": "application/pdf",
        "content-disposition": `attachment; filename="board-paper-${paper.trust.ods}-${id.slice(0, 8)}-v${paper.version}.pdf"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && e.code === "rate_limited") return tooManyResponse(e);
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
}
