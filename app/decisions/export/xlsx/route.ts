import { getActor } from "@/lib/auth";
import { listRegisterExportRows, registerFiltersFromSearchParams } from "@/lib/decisions";
import { REGISTER_COLUMNS, registerFileName } from "@/lib/export/register";
import { toXlsx } from "@/lib/export/xlsx";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The register with its current filters as an Excel workbook (the same columns as the CSV). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { filters } = registerFiltersFromSearchParams(new URL(request.url).searchParams);
  try {
    const rows = await listRegisterExportRows(actor, filters);
    const xlsx = await toXlsx(REGISTER_COLUMNS, rows);
    return new Response(new Uint8Array(xlsx), {
      headers: {
        "content-type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "content-disposition": `attachment; filename="${registerFileName("xlsx")}"`,
        "cache-control": "private, no-store",
      },
    });
  } catch (e) {
    if (isAppError(e) && (e.code === "not_found" || e.code === "forbidden")) return notFound();
    throw e;
  }
}
