import { isAppError } from "@/lib/errors";
import { unsubscribe } from "@/lib/notifications";

// One-click unsubscribe (RFC 8058): a mail client POSTs "List-Unsubscribe=One-Click" to the URL in the
// List-Unsubscribe header; the confirmation page's button posts here too. No sign-in: the link is signed.
export async function POST(request: Request) {
  const url = new URL(request.url);
  let token = url.searchParams.get("t") ?? "";
  if (!token && request.headers.get("content-type")?.includes("application/x-www-form-urlencoded")) {
    token = String(new URLSearchParams(await request.text()).get("t") ?? "");
  }
  try {
    await unsubscribe(token);
  } catch (e) {
    if (isAppError(e) && e.code === "not_found") return new Response("This unsubscribe link is not valid.", { status: 404 });
    throw e;
  }
  // A form post from the page goes back to it; a mail client's one-click post just needs a success.
  const fromPage = request.headers.get("sec-fetch-mode") === "navigate";
  // A relative Location: behind a proxy request.url's host is not the one the browser used.
  if (fromPage) return new Response(null, { status: 303, headers: { location: `/unsubscribe?done=1&t=${encodeURIComponent(token)}` } });
  return new Response("Unsubscribed.", { status: 200 });
}
