export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { stripClientForwardedHeadersWhenDirect } = await import("./lib/auth/direct-exposure");
  stripClientForwardedHeadersWhenDirect();
  const { startUp } = await import("./lib/start-up");
  await startUp();
}
