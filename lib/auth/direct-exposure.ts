import http from "node:http";

/**
 * With `FULCRUM_PROXY_HOPS=0` (the app exposed directly, no proxy of yours in front), every
 * X-Forwarded-For and X-Real-IP a client sends is its own invention: rotating them would give each
 * guess a fresh address for the per-address sign-in limit. Next.js fills X-Forwarded-For with the
 * socket's address only when it is absent, so these headers are removed from every incoming request
 * before Next sees them (called once from instrumentation.ts). Returns whether it is in force.
 */
export function stripClientForwardedHeadersWhenDirect(hops = process.env.FULCRUM_PROXY_HOPS): boolean {
  if (hops !== "0") return false;
  const proto = http.Server.prototype as unknown as { emit: (event: string, ...args: unknown[]) => boolean; __fulcrumStrip?: true };
  if (proto.__fulcrumStrip) return true;
  const emit = proto.emit;
  proto.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === "request") {
      const req = args[0] as http.IncomingMessage;
      delete req.headers["x-forwarded-for"];
      delete req.headers["x-real-ip"];
    }
    return emit.call(this, event, ...args);
  };
  proto.__fulcrumStrip = true;
  return true;
}
