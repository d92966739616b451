import { apiHandler } from "@/lib/api/handler";
import { apiGetMeeting } from "@/lib/api/meetings";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.getMeeting, async ({ actor, params }) => apiGetMeeting(actor, params.id));
