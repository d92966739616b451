import { getActor } from "@/lib/auth";
import { listRegisterExportRows, registerFiltersFromSearchParams } from "@/lib/decisions";
import { humanRows } from "@/lib/decisions/export-human";
import { HUMAN_COLUMNS, HUMAN_SHEET_NAME } from "@/lib/export/human";
import { REGISTER_COLUMNS, registerFileName } from "@/lib/export/register";
import { toXlsx } from "@/lib/export/xlsx";
import { isAppError } from "@/lib/errors";

export const dynamic = "force-dynamic";

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain; charset=utf-8" } });

/** The register with its current filters as an Excel workbook (the CSV's columns, then a sheet for people). */
export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return notFound();
  const { filters } = registerFiltersFromSearchParams(new URL(request.url).searchParams);
  try {
    const rows = await listRegisterExportRows(actor, filters);
    // Sheet 1: the import-compatible columns; sheet 2: the same decisions in words, for people.
    const xlsx = await toXlsx(REGISTER_COLUMNS, rows, { extraSheets: [{ name: HUMAN_SHEET_NAME, columns: HUMAN_COLUMNS, rows: await humanRows(rows) }] });
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
