import Link from "@/app/_components/link";
import type { ReactNode } from "react";

const TAG_STYLES = {
  grey: "bg-nhs-pale-grey text-nhs-black border-nhs-secondary",
  blue: "bg-[#d2e2f1] text-nhs-dark-blue border-nhs-blue",
  green: "bg-[#cce5d8] text-nhs-dark-green border-nhs-green",
  red: "bg-[#f7d4d1] text-[#6b140e] border-nhs-red",
  yellow: "bg-[#fff4d1] text-[#4d3708] border-nhs-warm-yellow",
  purple: "bg-[#e1d6ef] text-nhs-purple border-nhs-purple",
  // NHS Aqua Green: "Reviewed", so it never looks like the blue "System" tag beside it.
  aqua: "bg-[#ccede9] text-[#00403a] border-[#00a499]",
} as const;

export type TagColour = keyof typeof TAG_STYLES;

/** A tag always says its meaning in words; colour only supports it. */
export function Tag({ colour = "grey", children }: { colour?: TagColour; children: ReactNode }) {
  return (
    <strong className={`inline-block border px-2 py-0.5 text-sm font-semibold whitespace-nowrap ${TAG_STYLES[colour]}`}>
      {children}
    </strong>
  );
}

export function BackLink({ href, children = "Back" }: { href: string; children?: ReactNode }) {
  return (
    <Link href={href} className="mb-4 inline-flex items-center gap-1 text-base text-nhs-black! underline">
      <span aria-hidden="true">‹</span> {children}
    </Link>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-4 text-base">
      <ol className="flex flex-wrap gap-x-2">
        {items.map((item, i) => (
          <li key={i} className="flex items-center gap-2">
            {i > 0 ? <span aria-hidden="true">›</span> : null}
            {item.href ? <Link href={item.href}>{item.label}</Link> : <span aria-current="page">{item.label}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}

export function SummaryList({ rows }: { rows: { key: ReactNode; value: ReactNode; action?: { href: string; label: string } }[] }) {
  return (
    <dl className="mb-6 border-t border-nhs-border">
      {rows.map((r, i) => (
        <div key={i} className="flex flex-col gap-1 border-b border-nhs-border py-3 sm:flex-row sm:gap-6">
          <dt className="font-semibold sm:w-1/3">{r.key}</dt>
          <dd className="prose-text sm:flex-1">{r.value}</dd>
          {r.action ? (
            <dd className="sm:w-24 sm:text-right">
              <Link href={r.action.href}>
                {r.action.label}
                <span className="sr-only"> {typeof r.key === "string" ? r.key.toLowerCase() : ""}</span>
              </Link>
            </dd>
          ) : null}
        </div>
      ))}
    </dl>
  );
}

export function InsetText({ children }: { children: ReactNode }) {
  return <div className="nhs-inset mb-6">{children}</div>;
}

export function PageHeading({ caption, children }: { caption?: ReactNode; children: ReactNode }) {
  return (
    <div className="mb-6">
      {caption ? <span className="block text-lg text-nhs-secondary">{caption}</span> : null}
      <h1 className="text-3xl sm:text-4xl">{children}</h1>
    </div>
  );
}

/** Plain text exactly as typed: React escapes it, CSS keeps the line breaks. Never HTML. */
export function PlainText({ children, className }: { children: string | null | undefined; className?: string }) {
  if (!children) return <span className="text-nhs-secondary">Not given</span>;
  return <div className={`prose-text ${className ?? ""}`}>{children}</div>;
}

/**
 * "On this page": a long page's parts, each a link to its anchor (NHS contents list). On a phone a
 * dashboard or a busy inbox runs to 13,000–20,000 px; what a person came for must be one tap from the top
 * (UI.md, Reflow).
 */
export function OnThisPage({ id, entries }: { id: string; entries: { target: string; label: string }[] }) {
  return (
    <nav aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-2 text-xl">
        On this page
      </h2>
      <ul className="list-none pl-0">
        {entries.map((e) => (
          <li key={e.target} className="mb-2 border-l-4 border-nhs-pale-grey pl-3">
            <a href={`#${e.target}`}>{e.label}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
