import { previewImportFile } from "@/lib/decisions";
import { handleImport } from "../handle";

export const dynamic = "force-dynamic";

/** The mapping page's data: the file's sheets, columns, guessed mapping and first rows. Nothing written. */
export const POST = (request: Request) => handleImport(request, previewImportFile);
