import { Auth } from "@auth/core";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { authSecret } from "@/lib/auth/secret";

/**
 * Security headers on every response, and a fresh CSP nonce per request for Next's inline scripts.
 * This is not an access check: every page, action and route checks the actor in lib/.
 */
function secured(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const dev = process.env.NODE_ENV !== "production";
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (server-rendered SVG charts) need this; scripts never get it.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  response.headers.set("X-Content-Type-Options", "nosniff");
  response.headers.set("X-Frame-Options", "DENY");
  response.headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) response.headers.set("Strict-Transport-Security", "max-age=63072000; includeSubDomains");
  return response;
}

// Auth.js's auth() in a server component cannot set cookies, so by itself the session cookie would
// never be refreshed and would die `idle hours` after sign-in however busy the person was. Here each
// page view asks Auth.js for the session as its own /api/auth/session endpoint would: it re-signs the
// token with a new expiry and sets the cookie again (making the limit an idle one), and its jwt
// callback ends any session past the absolute maximum, clearing the cookie.
async function refreshedSessionCookies(request: NextRequest): Promise<string[]> {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim() || request.nextUrl.protocol.replace(":", "");
  const host = request.headers.get("x-forwarded-host") || request.headers.get("host") || request.nextUrl.host;
  const res = await Auth(new Request(`${proto}://${host}/api/auth/session`, { headers: { cookie: request.headers.get("cookie") ?? "" } }), {
    ...authConfig,
    secret: authSecret(),
    basePath: "/api/auth",
    providers: [],
  });
  return res.headers.getSetCookie().filter((c) => c.includes("authjs.session-token"));
}

const hasSessionCookie = (request: NextRequest) => request.cookies.getAll().some((c) => c.name.includes("authjs.session-token"));

export async function proxy(request: NextRequest) {
  const response = secured(request);
  // Only page views refresh: a POST (server action) may itself be signing in or out, and two
  // Set-Cookie headers for one cookie in one response would race.
  // Only on the browser's own page loads (Sec-Fetch-Mode: navigate, which page scripts cannot set), never
  // on the router's background requests: one still in flight when someone signs out would answer with
  // a refreshed cookie after the sign-out's deletion and bring the session back.
  const background = request.headers.get("sec-fetch-mode") !== "navigate" || request.headers.has("rsc") || request.headers.has("next-router-prefetch");
  if (request.method === "GET" && !background && hasSessionCookie(request) && !request.nextUrl.pathname.startsWith("/api/")) {
    try {
      for (const c of await refreshedSessionCookies(request)) response.headers.append("set-cookie", c);
    } catch (e) {
      console.error("Fulcrum: could not refresh the session cookie", e);
    }
  }
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
