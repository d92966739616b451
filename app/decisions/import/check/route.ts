import { checkImport } from "@/lib/decisions";
import { handleImport } from "../handle";

export const dynamic = "force-dynamic";

/** The dry run: every row checked, nothing written. */
export const POST = (request: Request) => handleImport(request, checkImport);
