import { createUser } from "@/lib/admin";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { userToWire } from "@/lib/api/wire";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.createUser, async ({ actor, body }) => userToWire(await createUser(actor, body)));
