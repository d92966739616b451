import { apiHandler } from "@/lib/api/handler";
import { apiAddAgendaItem } from "@/lib/api/meetings";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.addAgendaItem, async ({ actor, params, body }) => apiAddAgendaItem(actor, params.id, body));
