import { can, type Actor } from "@/lib/access";
import { FAVOURED_LABELS } from "@/lib/decisions/taxonomy";
import { formatImpactK } from "@/lib/format";
import type { SectionProps } from "./types";

const SHORT = 280;

/** The first sentences of a long text, cut at a word. */
export function shortSummary(text: string): string {
  const t = text.trim();
  if (t.length <= SHORT) return t;
  const cut = t.slice(0, SHORT);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), SHORT - 40)).trimEnd()}…`;
}

/**
 * For a board member with a position to record: a short summary and a jump to the form, at the top of
 * the page (the form itself sits after the criteria and the positions, far down on a phone).
 */
export function PositionCallout({ d, actor }: SectionProps & { actor: Actor }) {
  if (d.status !== "awaiting_sign_off" || !d.contentHash) return null;
  if (!can(actor, "position.record", { id: d.trust.id, icsId: d.trust.icsId })) return null;
  return (
    <section aria-labelledby="your-position-heading" className="nhs-inset mb-8">
      <h2 id="your-position-heading" className="mb-2 text-xl">
        Your position is needed
      </h2>
      <a href="#record-position" className="nhs-button mb-4!">
        Record your position
      </a>
      <p className="mb-4">Version {d.version} is awaiting sign-off by the board.</p>
      <p className="mb-1 font-semibold">In short</p>
      <p className="prose-text mb-2">{shortSummary(d.summary)}</p>
      <ul className="mb-2 list-disc pl-6">
        {d.favoured ? <li>Favoured {FAVOURED_LABELS[d.favoured].toLowerCase()}</li> : null}
        {d.impactOnTrust.amountK !== null ? <li>Impact on the trust: {formatImpactK(d.impactOnTrust.amountK, "trust")}</li> : null}
        <li>
          {d.criteria.length} success {d.criteria.length === 1 ? "criterion" : "criteria"}, fixed for this version
        </li>
      </ul>
      <p className="text-base">The full decision, its criteria and every position recorded so far follow below.</p>
    </section>
  );
}
