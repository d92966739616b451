import { publicHandler } from "@/lib/api/handler";
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-dynamic";

export const GET = publicHandler(async () => openApiDocument());
