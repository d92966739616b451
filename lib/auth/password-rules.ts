import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import { PASSWORD_MAX, PASSWORD_MIN } from "./passwords";

// OWASP ASVS 5.0 chapter 6.2: at least 12 characters, up to 128 and more allowed, no composition
// rules; refused when common or breached (the zxcvbn-ts dictionaries, shipped offline, score below 3)
// or when it contains the person's e-mail address or name. Each refusal says why.

let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  });
  return factory;
}

export const MIN_SCORE = 3;

/** Pieces of the person's identity a password must not contain (3 characters or more). */
function identityParts(person: { email?: string | null; name?: string | null }): string[] {
  const parts = new Set<string>();
  const email = person.email?.trim().toLowerCase();
  if (email) {
    parts.add(email);
    const local = email.split("@")[0];
    if (local) parts.add(local);
    for (const p of local?.split(/[._+-]+/) ?? []) parts.add(p);
  }
  const name = person.name?.trim().toLowerCase();
  if (name) {
    parts.add(name);
    parts.add(name.replace(/\s+/g, ""));
    for (const p of name.split(/[\s'-]+/)) parts.add(p);
  }
  return [...parts].filter((p) => p.length >= 3);
}

/**
 * Why the password is refused, in words for the person, or null when it is allowed. `label` names
 * the field ("Password", "New password").
 */
export function passwordProblem(password: string, person: { email?: string | null; name?: string | null }, label = "Password"): string | null {
  if (password.length < PASSWORD_MIN) return `${label} must be at least ${PASSWORD_MIN} characters`;
  if (password.length > PASSWORD_MAX) return `${label} must be ${PASSWORD_MAX} characters or fewer`;
  if (password.includes("\u0000")) return `${label} contains a character that is not allowed`;
  const lower = password.toLowerCase();
  if (identityParts(person).some((p) => lower.includes(p))) return `${label} must not contain your email address or your name`;
  const result = zxcvbn().check(password.slice(0, 100), identityParts(person));
  if (result.score < MIN_SCORE) {
    const warning = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, "").toLowerCase()})` : "";
    return `${label} is too easy to guess: it is a common or breached password, or too close to one${warning}. Try three or four unrelated words`;
  }
  return null;
}
