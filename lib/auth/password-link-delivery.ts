import "server-only";
import type { PasswordLink } from "./password-links";

/**
 * Hands a set-password link to the outbox to e-mail (subject and first line by purpose:
 * LINK_PURPOSE_WORDS). **The integrator connects this to helper h12's outbox** (issue 12); until
 * then nothing is sent and this answers false, so the pages say to pass the link on by hand (invite,
 * admin reset) or to ask an administrator (forgot password). Never log `link.url`: it is a secret.
 */
export async function deliverPasswordLink(link: PasswordLink): Promise<boolean> {
  void link;
  return false;
}
