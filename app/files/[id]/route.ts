import { openFile } from "@/lib/attachments";
import { getActor } from "@/lib/auth";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** RFC 6266 / 5987: an ASCII fallback and the exact UTF-8 name. */
function disposition(name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * An evidence file, streamed from the store, for anyone who may read it (404 otherwise, never a hint).
 * Always a download (never shown inline), with the type read from its content on upload.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { id } = await params;
  try {
    const file = await openFile(actor, id);
    const iterator = file.chunks[Symbol.asyncIterator]();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { value, done } = await iterator.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      async cancel() {
        await iterator.return?.();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": file.type,
        "content-length": String(file.size),
        "content-disposition": disposition(file.name),
        "x-content-type-options": "nosniff",
        "cache-control": "private, no-store",
        // The file's own SHA-256, so a download can be checked against the version that names it.
        "x-fulcrum-sha256": file.sha256,
      },
    });
  } catch (e) {
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
}
