import { getActor } from "@/lib/auth";
import { registerFiltersFromSearchParams, streamRegisterExportRows } from "@/lib/decisions";
import { csvChunks } from "@/lib/export/csv";
import { REGISTER_COLUMNS, registerFileName } from "@/lib/export/register";
import { isAppError } from "@/lib/errors";
import { logError } from "@/lib/log-error";
import { limitHeavyRequest, tooManyResponse } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The register with its current filters as CSV, streamed batch by batch. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { filters } = registerFiltersFromSearchParams(new URL(request.url).searchParams);
  const batches = streamRegisterExportRows(actor, filters);
  let first: IteratorResult<Awaited<ReturnType<typeof batches.next>>["value"]>;
  try {
    await limitHeavyRequest(actor, "export");
    // The first batch is read before answering, so "not found" is a 404 and not a broken download.
    first = await batches.next();
  } catch (e) {
    if (isAppError(e) && e.code === "rate_limited") return tooManyResponse(e);
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        const [header] = csvChunks(REGISTER_COLUMNS, []);
        controller.enqueue(encoder.encode(header));
        let batch = first;
        while (!batch.done && batch.value) {
          let out = "";
          for (const [i, line] of [...csvChunks(REGISTER_COLUMNS, batch.value, { bom: false })].entries()) if (i > 0) out += line;
          controller.enqueue(encoder.encode(out));
          batch = await batches.next();
        }
        controller.close();
      } catch (e) {
        logError("[export] CSV", e);
        controller.error(e);
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${registerFileName("csv")}"`,
      "cache-control": "private, no-store",
    },
  });
}

