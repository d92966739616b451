import { formatDate } from "@/lib/format";
import type { AccessChangeView } from "@/lib/admin/access-changes";
import { markAccessChangeSeenAction } from "./actions";

/** "Changes to your board's access": shown to a trust's Chair and Chief Executive until marked seen. */
export function AccessChanges({ changes }: { changes: AccessChangeView[] }) {
  if (!changes.length) return null;
  return (
    <section aria-labelledby="access-changes" className="mb-10 border-l-8 border-nhs-warm-yellow bg-white p-4">
      <h2 id="access-changes" className="mb-2 text-2xl">
        Changes to your board&apos;s access
      </h2>
      <p className="mb-4 max-w-prose">
        An administrator changed who sits on your board or how it signs off. Check each change is one you expected; if not, ask your administrators
        why. The audit chain keeps every detail.
      </p>
      <ul className="space-y-3">
        {changes.map((c) => (
          <li key={c.id} className="nhs-panel p-4!">
            <p className="font-semibold">{c.summary}</p>
            <p className="mb-2 text-base text-nhs-secondary">
              {c.trustName}: by {c.actorName} on {formatDate(c.createdAt)}
            </p>
            <form action={markAccessChangeSeenAction}>
              <input type="hidden" name="changeId" value={c.id} />
              <button type="submit" className="nhs-button nhs-button-secondary mb-0! px-3! py-1! text-base">
                Mark as seen<span className="sr-only">: {c.summary}</span>
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  );
}
