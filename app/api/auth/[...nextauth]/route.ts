import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { authRequest } from "@/lib/auth/request-url";

export const GET = (req: NextRequest) => handlers.GET(authRequest(req));
export const POST = (req: NextRequest) => handlers.POST(authRequest(req));
