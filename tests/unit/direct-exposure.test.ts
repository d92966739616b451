// FULCRUM_PROXY_HOPS=0: a client's X-Forwarded-For rotation does not give it fresh addresses.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";
import { stripClientForwardedHeadersWhenDirect } from "@/lib/auth/direct-exposure";

describe("the app exposed directly (FULCRUM_PROXY_HOPS=0)", () => {
  it("removes the client's X-Forwarded-For and X-Real-IP on arrival, so rotating them yields one address", async () => {
    expect(stripClientForwardedHeadersWhenDirect("1")).toBe(false);
    expect(stripClientForwardedHeadersWhenDirect("0")).toBe(true);
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      // What Next.js does next: fill the header with the socket's address when it is absent.
      req.headers["x-forwarded-for"] ??= req.socket.remoteAddress;
      const h = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
      const prev = process.env.FULCRUM_PROXY_HOPS;
      process.env.FULCRUM_PROXY_HOPS = "0";
      seen.push(clientIp(h));
      process.env.FULCRUM_PROXY_HOPS = prev;
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    try {
      for (let i = 0; i < 10; i++) {
        await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": `203.0.113.${i}`, "x-real-ip": `198.51.100.${i}` } });
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(new Set(seen)).toEqual(new Set(["127.0.0.1"]));
  });
});
