import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { meToWire } from "@/lib/api/wire";

export const dynamic = "force-dynamic";

export const GET = apiHandler(routes.me, async ({ actor }) => meToWire(actor));
