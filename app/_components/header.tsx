import Link from "@/app/_components/link";
import { Suspense } from "react";
import { signOutAction, switchMembershipAction } from "../actions";
import { ROLE, ROLE_LABELS, SEAT_LABELS, activeMembership, type Actor, type ActorMembership } from "@/lib/access";
import { navigationFor } from "@/lib/navigation";

function roleLabel(m: ActorMembership) {
  return m.role === ROLE.boardMember && m.seat ? SEAT_LABELS[m.seat] : ROLE_LABELS[m.role];
}

function CountBadge({ count }: { count: number | undefined }) {
  return count ? (
    <span className="ml-1 rounded-full bg-white px-2 text-sm text-nhs-blue">
      {count}
      <span className="sr-only"> waiting</span>
    </span>
  ) : null;
}

/** The inbox count, streamed in when its query answers (the page's first byte does not wait for it). */
async function InboxBadge({ count }: { count: Promise<number | undefined> }) {
  return <CountBadge count={await count} />;
}

export function Header({ actor, inboxCount }: { actor: Actor | null; inboxCount?: Promise<number | undefined> }) {
  const active = actor ? activeMembership(actor) : null;
  const nav = navigationFor(active);
  return (
    <header className="bg-nhs-blue text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="flex items-center gap-3 text-white! no-underline">
          <span className="bg-white px-2 py-0.5 text-lg font-bold tracking-tight text-nhs-blue" aria-hidden="true">
            NHS
          </span>
          <span className="text-xl font-bold">Fulcrum</span>
          <span className="sr-only">: decision log, home</span>
        </Link>
        {actor ? (
          <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-base">
            <p>
              <span className="font-semibold">{actor.name}</span>
              {active ? (
                <span className="block text-sm">
                  {roleLabel(active)}, {active.organisationName}
                </span>
              ) : null}
            </p>
            {actor.memberships.length > 1 ? (
              <form action={switchMembershipAction} className="flex items-end gap-2">
                <label htmlFor="acting-as" className="text-sm">
                  Acting as
                </label>
                <select id="acting-as" name="membershipId" defaultValue={active?.id} className="max-w-56 border-2 border-white bg-white px-1 py-0.5 text-sm text-nhs-black">
                  {actor.memberships.map((m) => (
                    <option key={m.id} value={m.id}>
                      {roleLabel(m)}, {m.organisationName}
                    </option>
                  ))}
                </select>
                <button type="submit" className="border-2 border-white px-2 py-0.5 text-sm font-semibold text-white hover:bg-nhs-dark-blue">
                  Switch
                </button>
              </form>
            ) : null}
            <form action={signOutAction}>
              <button type="submit" className="text-white underline hover:decoration-2">
                Sign out
              </button>
            </form>
          </div>
        ) : null}
      </div>
      {nav.length ? (
        <nav aria-label="Primary" className="border-t border-[#1d6fc2] bg-nhs-blue">
          <ul className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-1 px-4 py-2 text-base">
            {nav.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="font-semibold text-white! no-underline hover:underline">
                  {item.label}
                  {item.href === "/inbox" && inboxCount ? (
                    <Suspense fallback={null}>
                      <InboxBadge count={inboxCount} />
                    </Suspense>
                  ) : (
                    <CountBadge count={item.count} />
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
