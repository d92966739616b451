import { createOrganisation } from "@/lib/admin";
import { apiHandler } from "@/lib/api/handler";
import { routes } from "@/lib/api/routes";
import { organisationToWire } from "@/lib/api/wire";

export const dynamic = "force-dynamic";

export const POST = apiHandler(routes.createOrganisation, async ({ actor, body }) => organisationToWire(await createOrganisation(actor, body)));
