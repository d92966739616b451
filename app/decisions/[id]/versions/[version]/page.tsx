import type { Metadata } from "next";
import Link from "@/app/_components/link";
import { notFound } from "next/navigation";
import { BackLink, InsetText, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { diffVersions, getDecisionVersion } from "@/lib/decisions";
import { flattenContent } from "@/lib/decisions/diff";
import { wordDiff } from "@/lib/decisions/word-diff";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-errors";

/** One side of a changed field, with the words that changed marked inside it (not only the whole field). */
function Marked({ before, after, side }: { before: string; after: string; side: "before" | "after" }) {
  const parts = wordDiff(before, after).filter((p) => p.kind === "same" || p.kind === (side === "before" ? "removed" : "added"));
  return (
    <>
      {parts.map((p, i) =>
        p.kind === "same" ? (
          <span key={i}>{p.text}</span>
        ) : p.kind === "removed" ? (
          <del key={i} className="bg-[#f7d4d1] font-semibold decoration-2">
            <span className="sr-only">[removed: </span>
            {p.text}
            <span className="sr-only">]</span>
          </del>
        ) : (
          <ins key={i} className="bg-[#b8e0c8] font-semibold no-underline outline outline-1 outline-nhs-green">
            <span className="sr-only">[added: </span>
            {p.text}
            <span className="sr-only">]</span>
          </ins>
        ),
      )}
    </>
  );
}

type Props = { params: Promise<{ id: string; version: string }> };

export const metadata: Metadata = { title: "A version of a decision" };

export default async function VersionPage({ params }: Props) {
  const { id, version: raw } = await params;
  const version = Number(raw);
  if (!/^\d+$/.test(raw)) notFound();
  const actor = await requireActor();
  const v = await orNotFound(getDecisionVersion(actor, id, version));
  const diff = version > 1 ? await diffVersions(actor, id, version) : null;
  return (
    <div className="max-w-5xl">
      <BackLink href={`/decisions/${id}`}>Back to the decision</BackLink>
      <PageHeading caption={v.content.title}>Version {v.version}</PageHeading>
      <p className="mb-2">
        Frozen {formatDateTime(v.createdAt)} by {v.createdBy}.{" "}
        {v.version < v.latestVersion ? `A later version (${v.latestVersion}) exists.` : "This is the latest version."}
      </p>
      <InsetText>
        <p className="font-semibold">Content hash (SHA-256)</p>
        <p>
          <code className="break-all" data-testid="version-hash">
            {v.contentHash}
          </code>
        </p>
        <p className="mt-2">
          {v.hashMatches
            ? "Recomputed from the stored content just now: it matches."
            : `Recomputed from the stored content just now: it does NOT match (${v.recomputedHash}).`}{" "}
          <a href={`/decisions/${id}/versions/${v.version}/content.json`}>Download the canonical JSON</a> to check it yourself
          (for example with <code>sha256sum</code>).
        </p>
      </InsetText>

      {diff ? (
        <section aria-labelledby="diff-heading" className="mb-10">
          <h2 id="diff-heading" className="mb-4 text-2xl">
            What changed from version {diff.from}
          </h2>
          {diff.changes === null ? (
            <p>Version {diff.from} was for the trust board only, so the differences from it are not shown.</p>
          ) : diff.changes.length === 0 ? (
            <p>Nothing in the content changed.</p>
          ) : (
            <div className="relative overflow-x-auto" role="region" aria-label="Changes from the version before" tabIndex={0}>
              <table className="nhs-table">
                <caption className="sr-only">Differences between version {diff.from} and version {diff.to}</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Version {diff.from}</th>
                    <th scope="col">Version {diff.to}</th>
                  </tr>
                </thead>
                <tbody>
                  {diff.changes.map((c) => (
                    <tr key={c.key}>
                      <th scope="row">{c.label}</th>
                      <td className="prose-text bg-[#fdf0ef]">
                        {c.before === null ? <em>Not in this version</em> : c.before ? <Marked before={c.before} after={c.after ?? ""} side="before" /> : <em>Empty</em>}
                      </td>
                      <td className="prose-text bg-[#eaf6ef]">
                        {c.after === null ? <em>Removed</em> : c.after ? <Marked before={c.before ?? ""} after={c.after} side="after" /> : <em>Empty</em>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <p className="mt-2">
            <Link href={`/decisions/${id}/versions/${diff.from}`}>View version {diff.from}</Link>
          </p>
        </section>
      ) : null}

      <section aria-labelledby="content-heading">
        <h2 id="content-heading" className="mb-4 text-2xl">
          Content of version {v.version}
        </h2>
        <dl className="mb-6 border-t border-nhs-border">
          {flattenContent(v.content).map((r) => (
            <div key={r.key} className="flex flex-col gap-1 border-b border-nhs-border py-3 sm:flex-row sm:gap-6">
              <dt className="font-semibold sm:w-1/3">{r.label}</dt>
              <dd className="prose-text sm:flex-1">{r.value || <span className="text-nhs-secondary">Not given</span>}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
