/**
 * The client's address for the per-address sign-in limit. X-Forwarded-For is read from the right:
 * each proxy appends the address it saw, so the entries on the left are whatever the client sent.
 * `FULCRUM_PROXY_HOPS` (default 1) is how many proxies of yours append to it; with the app exposed
 * directly, Next.js fills the header with the socket's address only when the client sent none.
 */
export function clientIp(h: Headers, hops = proxyHops()): string {
  const chain = (h.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return chain[Math.max(0, chain.length - hops)] || h.get("x-real-ip") || "unknown";
}

function proxyHops(): number {
  const n = Number(process.env.FULCRUM_PROXY_HOPS ?? 1);
  // 0: exposed directly. The client's own X-Forwarded-For was removed on arrival
  // (direct-exposure.ts), so the one entry left is the socket's address, which Next.js put there.
  if (n === 0) return 1;
  return Number.isInteger(n) && n >= 1 && n <= 10 ? n : 1;
}
