// The second factor (issue 11, part 2): TOTP enrolment, codes used once, recovery codes used once,
// the secret encrypted at rest.
import * as OTPAuth from "otpauth";
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { recoveryCodes, totpFactors } from "@/db/schema";
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  decryptSecret,
  encryptSecret,
  hasTotp,
  mustEnrolTotp,
  verifySecondFactor,
} from "@/lib/auth/totp";
import { makeTrustWithBoard } from "../support/factories";
import { useTestDatabase } from "../support/db";

process.env.AUTH_SECRET ??= "totp-test-secret-0123456789abcdef0123456789";
const t = useTestDatabase();
const codeAt = (secret: string, ms: number) => new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({ timestamp: ms });
const T0 = Date.parse("2026-11-26T09:00:00Z");

describe("TOTP", () => {
  it("encrypts the secret at rest (AES-GCM: tampering is detected)", () => {
    const sealed = encryptSecret("JBSWY3DPEHPK3PXP");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(sealed)).toBe("JBSWY3DPEHPK3PXP");
    const parts = sealed.split(".");
    parts[3] = Buffer.from("tampered").toString("base64url");
    expect(() => decryptSecret(parts.join("."))).toThrow();
  });

  it("enrols with a QR code drawn as SVG and one code, then gives ten recovery codes stored hashed", async () => {
    const { ce } = await makeTrustWithBoard(t.db);
    expect(await mustEnrolTotp(t.db, { id: ce.userId, email: ce.email })).toBe(true);
    const e = await beginTotpEnrolment(ce);
    expect(e.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect(e.uri).toMatch(/^otpauth:\/\/totp\/Fulcrum:/);
    const [row] = await t.db.select().from(totpFactors).where(eq(totpFactors.userId, ce.userId));
    expect(row.secretEnc).not.toContain(e.secret);
    await expect(confirmTotpEnrolment(ce, { code: "000000" }, T0)).rejects.toMatchObject({ fieldErrors: { code: expect.any(String) } });
    const codes = await confirmTotpEnrolment(ce, { code: codeAt(e.secret, T0) }, T0);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, ce.userId));
    expect(JSON.stringify(stored)).not.toContain(codes[0]);
    expect(await hasTotp(t.db, ce.userId)).toBe(true);
    expect(await mustEnrolTotp(t.db, { id: ce.userId, email: ce.email })).toBe(false);
  });

  it("accepts a code once: its replay is refused, as is an older one; a later code works", async () => {
    const { chair } = await makeTrustWithBoard(t.db);
    const e = await beginTotpEnrolment(chair);
    await confirmTotpEnrolment(chair, { code: codeAt(e.secret, T0) }, T0);
    const later = T0 + 60_000;
    const code = codeAt(e.secret, later);
    expect(await verifySecondFactor(t.db, chair.userId, code, later)).toBe("totp");
    expect(await verifySecondFactor(t.db, chair.userId, code, later + 5000)).toBeNull();
    expect(await verifySecondFactor(t.db, chair.userId, codeAt(e.secret, T0 + 30_000), later)).toBeNull();
    expect(await verifySecondFactor(t.db, chair.userId, "123456", later + 30_000)).toBeNull();
    expect(await verifySecondFactor(t.db, chair.userId, codeAt(e.secret, later + 30_000), later + 30_000)).toBe("totp");
  });

  it("accepts each recovery code once, in any case and spacing; not another person's", async () => {
    const { ned1, ned2 } = await makeTrustWithBoard(t.db);
    const e = await beginTotpEnrolment(ned1);
    const codes = await confirmTotpEnrolment(ned1, { code: codeAt(e.secret, T0) }, T0);
    const e2 = await beginTotpEnrolment(ned2);
    await confirmTotpEnrolment(ned2, { code: codeAt(e2.secret, T0) }, T0);
    expect(await verifySecondFactor(t.db, ned2.userId, codes[0], T0)).toBeNull();
    expect(await verifySecondFactor(t.db, ned1.userId, codes[0].toUpperCase().replace(/-/g, " "), T0)).toBe("recovery");
    expect(await verifySecondFactor(t.db, ned1.userId, codes[0], T0)).toBeNull();
    expect(await verifySecondFactor(t.db, ned1.userId, codes[1], T0)).toBe("recovery");
  });

  it("is not required when FULCRUM_REQUIRE_MFA=0", async () => {
    const { exec } = await makeTrustWithBoard(t.db);
    process.env.FULCRUM_REQUIRE_MFA = "0";
    try {
      expect(await mustEnrolTotp(t.db, { id: exec.userId, email: exec.email })).toBe(false);
    } finally {
      delete process.env.FULCRUM_REQUIRE_MFA;
    }
  });
});
