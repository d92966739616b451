import { Readable } from "node:stream";
import { getActor } from "@/lib/auth";
import { registerFiltersFromSearchParams, streamRegisterExportRows } from "@/lib/decisions";
import { humanRows } from "@/lib/decisions/export-human";
import { HUMAN_COLUMNS, HUMAN_SHEET_NAME } from "@/lib/export/human";
import { REGISTER_COLUMNS, registerFileName } from "@/lib/export/register";
import { streamXlsx } from "@/lib/export/xlsx";
import { isAppError } from "@/lib/errors";
import { logError } from "@/lib/log-error";
import { limitHeavyRequest, tooManyResponse } from "@/lib/rate-limit";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The register with its current filters as an Excel workbook, streamed: the CSV's columns, then a sheet for people. */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { filters } = registerFiltersFromSearchParams(new URL(request.url).searchParams);
  const batches = streamRegisterExportRows(actor, filters);
  let first: Awaited<ReturnType<typeof batches.next>>;
  try {
    await limitHeavyRequest(actor, "export");
    // The first batch is read before answering, so "not found" is a 404 and not a broken download.
    first = await batches.next();
  } catch (e) {
    if (isAppError(e) && e.code === "rate_limited") return tooManyResponse(e);
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
  async function* all() {
    if (!first.done && first.value) yield first.value;
    for (let b = await batches.next(); !b.done && b.value; b = await batches.next()) yield b.value;
  }
  // Sheet 2: the same decisions in words, for people, read again batch by batch once sheet 1 is written.
  async function* readable() {
    for await (const batch of streamRegisterExportRows(actor!, filters)) yield await humanRows(batch);
  }
  const stream = streamXlsx(REGISTER_COLUMNS, all(), {
    extraSheets: [{ name: HUMAN_SHEET_NAME, columns: HUMAN_COLUMNS, batches: readable() }],
    onError: (e) => logError("[export] XLSX", e),
  });
  return new Response(Readable.toWeb(stream as Readable) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "content-disposition": `attachment; filename="${registerFileName("xlsx")}"`,
      "cache-control": "private, no-store",
    },
  });
}
