import { Auth } from "@auth/core";
import { NextResponse, type NextRequest } from "next/server";
import { authConfig } from "@/lib/auth/config";
import { REQUESTED_PATH_HEADER } from "@/lib/auth/return-path";
import { authSecret } from "@/lib/auth/secret";
import { databaseIsDown } from "@/lib/db-health";
import { DATABASE_UNAVAILABLE } from "@/lib/db-unavailable";

/**
 * Security headers on every response, and a fresh CSP nonce per request for Next's inline scripts.
 * This is not an access check: every page, action and route checks the actor in lib/.
 */
function secured(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const headers = securityHeaders(request, nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  // The page asked for, so a page that needs a signed-in person can come back to it after sign-in
  // (lib/auth/return-path.ts checks it is a path on this site). Set here, never taken from the client.
  requestHeaders.set(REQUESTED_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) response.headers.set(k, v);
  return response;
}

function securityHeaders(request: NextRequest, nonce: string): Record<string, string> {
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
  const headers: Record<string, string> = {
    "Content-Security-Policy": csp,
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
  };
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  if (https) headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains";
  return headers;
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

/** The limit for a form's body (next.config.js allows more only for the evidence-files page). */
const MAX_FORM_BYTES = 1024 * 1024;
/** An evidence file of up to 20 MB and the form around it (next.config.js bodySizeLimit "21mb"). */
const MAX_FILE_FORM_BYTES = 21 * 1024 * 1024;
const FILES_PAGE = /^\/decisions\/[^/]+\/files\/?$/;

/**
 * A form post over the limit, refused here with a page that says what happened instead of Next's
 * failure (a 500) further in. Forms with JavaScript check their size before sending (body-guard.ts);
 * this is for posts without it. The API and the import upload have their own, larger, limits.
 */
function tooLarge(request: NextRequest): NextResponse | null {
  if (request.method !== "POST") return null;
  const path = request.nextUrl.pathname;
  if (path.startsWith("/api/") || path.startsWith("/decisions/import/")) return null;
  const length = Number(request.headers.get("content-length") ?? 0);
  // The evidence-files page takes one file of up to 20 MB (plus the form around it).
  const files = FILES_PAGE.test(path);
  if (!(length > (files ? MAX_FILE_FORM_BYTES : MAX_FORM_BYTES))) return null;
  if (files) return refusal(request, "The file was too large to send", "<p>Files must be smaller than 20 MB, so nothing was saved.</p><p>Go back with your browser's back button and choose a smaller file (a PDF can often be saved at a lower quality).</p>");
  return refusal(
    request,
    "The form was too large to send",
    "<p>What you sent was over 1 MB, so nothing was saved.</p><p>Go back with your browser's back button: your answers should still be there. Shorten the longest answers (each box says its limit, such as 20,000 characters for the rationale) and send the form again.</p>",
  );
}

/**
 * While the database is known to be down (lib/db-health.ts), answer 503 before anything renders: a page
 * cannot set its own status once Next.js streams it, so without this a page would go out as a 500.
 * The API gets its usual JSON error; pages and server actions a plain page. Both say when to try again.
 */
function unavailable(request: NextRequest): NextResponse {
  const retry = { "retry-after": "60", "cache-control": "no-store" };
  if (request.nextUrl.pathname.startsWith("/api/v1/")) {
    return NextResponse.json({ error: { code: "unavailable", message: DATABASE_UNAVAILABLE } }, { status: 503, headers: retry });
  }
  return refusal(
    request,
    "Sorry, the service is unavailable",
    "<p>The database is not available at the moment, so nothing can be shown or saved.</p><p>Nothing you were doing has been saved twice or half-saved. Try again in a minute.</p>",
    503,
    retry,
  );
}

/** A plain page in the NHS look (no scripts): 413 saying nothing was saved, or 503. */
function refusal(request: NextRequest, title: string, body: string, status = 413, extraHeaders: Record<string, string> = {}): NextResponse {
  const html = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Fulcrum</title>
<style>body{font-family:Arial,sans-serif;margin:0;color:#212b32;background:#f0f4f5}header{background:#005eb8;color:#fff;padding:16px 24px;font-weight:700;font-size:1.25rem}main{max-width:40rem;padding:24px}h1{font-size:2rem;margin:0 0 16px}a{color:#005eb8}</style></head>
<body><header>NHS Fulcrum</header><main id="main-content"><h1>${title}</h1>
${body}
<p><a href="/">Go to your home page</a></p></main></body></html>`;
  const headers = { ...securityHeaders(request, Buffer.from(crypto.randomUUID()).toString("base64")), "content-type": "text/html; charset=utf-8", ...(status === 413 ? { connection: "close" } : {}), ...extraHeaders };
  return new NextResponse(html, { status, headers });
}

export async function proxy(request: NextRequest) {
  const refused = tooLarge(request);
  if (refused) return refused;
  if (await databaseIsDown()) return unavailable(request);
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
