// FULCRUM_MAIL_SENDER: a server may leave the scans and sending to the others (README, "Settings").
import { afterEach, describe, expect, it } from "vitest";
import { mailSettings } from "@/lib/notifications/settings";
import { startMailSender } from "@/lib/notifications/sender";

const saved = { ...process.env };
afterEach(() => {
  for (const k of ["FULCRUM_MAIL_SENDER", "FULCRUM_SMTP_URL", "FULCRUM_URL"]) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

describe("FULCRUM_MAIL_SENDER", () => {
  it("is on unless set to off", () => {
    delete process.env.FULCRUM_MAIL_SENDER;
    expect(mailSettings().senderOn).toBe(true);
    process.env.FULCRUM_MAIL_SENDER = "on";
    expect(mailSettings().senderOn).toBe(true);
    process.env.FULCRUM_MAIL_SENDER = "off";
    expect(mailSettings().senderOn).toBe(false);
  });

  it("refuses any other value, naming the setting", () => {
    process.env.FULCRUM_MAIL_SENDER = "no";
    expect(() => mailSettings()).toThrow(/FULCRUM_MAIL_SENDER must be on or off/);
  });

  it("off: this process starts no sender loop", () => {
    process.env.FULCRUM_MAIL_SENDER = "off";
    expect(startMailSender()).toBeNull();
  });
});
