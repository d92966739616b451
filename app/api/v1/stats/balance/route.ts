import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { apiBalance } from "@/lib/api/stats";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.balance, async ({ actor, query }) => apiBalance(actor, query));
