import type { NextRequest } from "next/server";
import { ssoSettings } from "./sso";

/**
 * The request as Auth.js's endpoints should see it, with single sign-on on. Next's NextRequest names a
 * loopback host "localhost" whatever the browser used (127.0.0.1), while a server action's signIn()
 * builds its URLs from the Host header: the OpenID redirect URI sent to the provider and the one sent
 * with the code must be the same, so the endpoints get a plain Request at the Host header's address
 * (as Auth.js's createActionURL reads it). Left alone when AUTH_URL says where Fulcrum is, or without
 * single sign-on.
 */
export function authRequest(req: NextRequest): NextRequest {
  if (!ssoSettings() || process.env.AUTH_URL || process.env.NEXTAUTH_URL) return req;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!host) return req;
  const proto = (req.headers.get("x-forwarded-proto") ?? req.nextUrl.protocol).replace(/:$/, "");
  const url = new URL(`${req.nextUrl.pathname}${req.nextUrl.search}`, `${proto}://${host}`);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  return new Request(url, { method: req.method, headers: req.headers, body: hasBody ? req.body : undefined, duplex: "half" } as RequestInit) as unknown as NextRequest;
}
