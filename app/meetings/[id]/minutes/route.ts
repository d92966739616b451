import { getActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";
import { minutesDocx } from "@/lib/meetings";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The draft minutes as a Word document, for the trust's board and secretary (404 otherwise). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { id } = await params;
  try {
    const { docx, fileName } = await minutesDocx(actor, id);
    return new Response(new Uint8Array(docx), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "content-disposition": `attachment; filename="${fileName}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
}
