import Link from "@/app/_components/link";
import { formatDateTime } from "@/lib/format";
import type { SectionProps } from "./types";

/** Every frozen version with its SHA-256 content hash, each readable with its differences. */
export function DecisionVersions({ d }: SectionProps) {
  if (!d.versions.length) return null;
  return (
    <section aria-labelledby="versions-heading" className="mb-10">
      <h2 id="versions-heading" className="mb-4 text-2xl">
        Versions
      </h2>
      <div className="relative overflow-x-auto" role="region" aria-label="Versions" tabIndex={0}>
        <table className="nhs-table">
          <caption className="sr-only">Frozen versions of this decision, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Frozen</th>
              <th scope="col">Content hash (SHA-256)</th>
              <th scope="col">
                <span className="sr-only">Links</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {d.versions.map((v) => (
              <tr key={v.version}>
                <td className="num">{v.version}</td>
                <td>
                  {formatDateTime(v.createdAt)} by {v.createdBy}
                </td>
                <td>
                  <code className="text-sm break-all" data-testid={`hash-v${v.version}`}>
                    {v.contentHash}
                  </code>
                </td>
                <td className="whitespace-nowrap">
                  {v.restricted ? (
                    <span className="text-nhs-secondary">Trust board only</span>
                  ) : (
                    <Link href={`/decisions/${d.id}/versions/${v.version}`}>
                      {v.version > 1 ? "View and compare" : "View"}
                      <span className="sr-only"> version {v.version}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
