export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stripClientForwardedHeadersWhenDirect } = await import("./lib/auth/direct-exposure");
  stripClientForwardedHeadersWhenDirect();
  const { startUp } = await import("./lib/start-up");
  await startUp();
}

/**
 * Every error a page, server action or route handler throws (Next.js calls this): one that says the
 * database cannot be reached closes the gate in proxy.ts, so later requests answer 503 until the
 * database answers again (lib/db-health.ts). Logging stays with the code that caught it.
 */
export async function onRequestError(error: unknown) {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { noteDatabaseError } = await import("./lib/db-health");
  noteDatabaseError(error);
}
