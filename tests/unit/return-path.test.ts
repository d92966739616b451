import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPathFor } from "@/lib/auth/return-path";

describe("the page to return to after signing in", () => {
  it("is a path on this site, with its query", () => {
    expect(safeReturnPath("/decisions/0b7f2a34-7c1e-4e0e-9d39-4d2b3f1a9c10#sign-off")).toBe("/decisions/0b7f2a34-7c1e-4e0e-9d39-4d2b3f1a9c10#sign-off");
    expect(safeReturnPath("/decisions?status=awaiting_sign_off")).toBe("/decisions?status=awaiting_sign_off");
    expect(signInPathFor("/meetings/abc")).toBe("/sign-in?next=%2Fmeetings%2Fabc");
  });

  it("is never another site, the sign-in pages, the API, or anything odd", () => {
    for (const bad of ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "decisions", "/sign-in", "/sign-in?next=/x", "/api/v1/me", "/forgot-password", "/set-password/abc", "/", "/x\u0000y", "/x\ny", `/${"a".repeat(2001)}`, null, undefined, ""]) {
      expect(safeReturnPath(bad as string | null | undefined), String(bad)).toBeNull();
    }
    expect(signInPathFor("//evil.example")).toBe("/sign-in");
  });
});
