import { describe, expect, it } from "vitest";
import { passwordProblem } from "@/lib/auth/password-rules";

const person = { email: "sam.patel@nhs.net", name: "Sam Patel" };

describe("password rules", () => {
  it("allows a long passphrase of unrelated words, and 128 characters or more", () => {
    expect(passwordProblem("correct horse battery staple", person)).toBeNull();
    expect(passwordProblem("a much longer new passphrase 42", person)).toBeNull();
    expect(passwordProblem("orchid tram velvet ".repeat(7).slice(0, 128), person)).toBeNull();
  });

  it("refuses fewer than 12 characters, saying so", () => {
    expect(passwordProblem("Tr0ub4dor&3", person)).toMatch(/at least 12 characters/);
  });

  it("refuses common and breached passwords however long, saying why", () => {
    for (const pw of ["password1234", "qwertyuiop123", "111111111111", "iloveyou1234"]) {
      expect(passwordProblem(pw, person), pw).toMatch(/too easy to guess/);
    }
  });

  it("refuses a password containing the person's e-mail address or name", () => {
    expect(passwordProblem("sam.patel@nhs.net rocks", person)).toMatch(/email address or your name/);
    expect(passwordProblem("zebra patel orbit tundra", person)).toMatch(/email address or your name/);
    expect(passwordProblem("Zebra Orbit SamPatel Tundra", person)).toMatch(/email address or your name/);
  });

  it("has no composition rules: lower-case words alone are fine", () => {
    expect(passwordProblem("granite lantern obvious mango", person)).toBeNull();
  });
});
