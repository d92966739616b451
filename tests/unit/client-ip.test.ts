import { describe, expect, it } from "vitest";
import { clientIp } from "@/lib/auth/client-ip";

const h = (xff?: string) => new Headers(xff ? { "x-forwarded-for": xff } : {});

describe("the client's address", () => {
  it("is read from the right of X-Forwarded-For: the left is whatever the client sent", () => {
    // The client sent "203.0.113.9"; one proxy of ours appended the address it saw.
    expect(clientIp(h("203.0.113.9, 198.51.100.7"), 1)).toBe("198.51.100.7");
    expect(clientIp(h("203.0.113.9, 198.51.100.7, 10.0.0.2"), 2)).toBe("198.51.100.7");
    expect(clientIp(h("198.51.100.7"), 1)).toBe("198.51.100.7");
  });

  it("never reads past the left end, and says unknown when there is nothing", () => {
    expect(clientIp(h("198.51.100.7"), 3)).toBe("198.51.100.7");
    expect(clientIp(h(), 1)).toBe("unknown");
    expect(clientIp(new Headers({ "x-real-ip": "192.0.2.4" }), 1)).toBe("192.0.2.4");
  });
});
