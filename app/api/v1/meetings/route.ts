import { apiHandler } from "@/lib/api/handler";
import { apiCreateMeeting, apiListMeetings } from "@/lib/api/meetings";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.listMeetings, async ({ actor }) => apiListMeetings(actor));
export const POST = apiHandler(routes.createMeeting, async ({ actor, body }) => apiCreateMeeting(actor, body));
