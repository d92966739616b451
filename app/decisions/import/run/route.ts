import { revalidatePath } from "next/cache";
import { importDecisions } from "@/lib/decisions";
import { handleImport } from "../handle";

export const dynamic = "force-dynamic";

/** The import proper: all or nothing, in one transaction. */
export const POST = (request: Request) =>
  handleImport(request, async (actor, text) => {
    const { created, submitted, tookMs } = await importDecisions(actor, text);
    revalidatePath("/decisions");
    return { created, submitted, tookMs };
  });
