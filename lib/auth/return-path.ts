// Where to go after signing in: the page a person asked for (an e-mail's link, a bookmark) when they
// were not signed in. Pure, so the rule for a safe return path is tested on its own.

/** The request header proxy.ts sets on every page request: its path and query, as asked for. */
export const REQUESTED_PATH_HEADER = "x-fulcrum-path";

/**
 * The path to return to, if it is a safe one: a path on this site (one leading slash, never "//" or
 * "/\" which a browser reads as another host), no control characters, not the sign-in pages or the
 * API, at most 2,000 characters. Anything else: null (go home).
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 2000) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  if (/^\/(sign-in|api|forgot-password|set-password|_next)(\/|\?|$)/.test(raw)) return null;
  if (raw === "/") return null;
  return raw;
}

/** The sign-in page's address that comes back to `path` afterwards. */
export function signInPathFor(path: string | null | undefined): string {
  const safe = safeReturnPath(path);
  return safe ? `/sign-in?next=${encodeURIComponent(safe)}` : "/sign-in";
}
