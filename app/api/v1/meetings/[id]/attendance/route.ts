import { apiHandler } from "@/lib/api/handler";
import { apiRecordAttendance } from "@/lib/api/meetings";
import { routes } from "@/lib/api/routes";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.recordAttendance, async ({ actor, params, body }) => apiRecordAttendance(actor, params.id, body));
