import { addMembership } from "@/lib/admin";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { membershipToWire } from "@/lib/api/wire";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.createMembership, async ({ actor, body }) => membershipToWire(await addMembership(actor, body)));
