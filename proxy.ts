import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
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
// never be refreshed and would die `idle hours` after sign-in however busy the person was. Passing
// page requests through Auth.js here re-signs the token (new expiry) and sets the cookie again, which
// makes the limit an idle one; its jwt callback still ends any session past the absolute maximum.
const { auth } = NextAuth(() => ({ ...authConfig, secret: authSecret() }));
const withSessionRefresh = auth((request) => secured(request));

const hasSessionCookie = (request: NextRequest) => request.cookies.getAll().some((c) => c.name.includes("authjs.session-token"));

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  // Only page views refresh: a POST (server action) may itself be signing in or out, and two
  // Set-Cookie headers for one cookie in one response would race.
  if (request.method === "GET" && hasSessionCookie(request) && !request.nextUrl.pathname.startsWith("/api/")) {
    return withSessionRefresh(request, event as never);
  }
  return secured(request);
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
