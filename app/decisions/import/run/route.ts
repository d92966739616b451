import { revalidatePath } from "next/cache";
import { importDecisions } from "@/lib/decisions";
import { handleImport } from "../handle";

export const dynamic = "force-dynamic";

/** The import proper: all or nothing, in one transaction. */
export const POST = (request: Request) =>
  handleImport(request, async (actor, file) => {
    const { created, submitted, signedOff, tookMs } = await importDecisions(actor, file);
    revalidatePath("/decisions");
    return { created, submitted, signedOff, tookMs };
  });
