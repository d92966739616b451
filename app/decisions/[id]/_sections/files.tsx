import Link from "next/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/access";
import { listDecisionFiles, type FileDto } from "@/lib/attachments";
import { formatBytes } from "@/lib/decisions/diff";
import { formatDate } from "@/lib/format";
import type { SectionProps } from "./types";

/** Files as a table: name (a download), type, size, who added it and when, its SHA-256. */
export function FileTable({ files, caption, empty, action }: { files: FileDto[]; caption: string; empty: string; action?: (f: FileDto) => ReactNode }) {
  if (!files.length) return <p>{empty}</p>;
  return (
    <div className="relative overflow-x-auto">
      <table className="nhs-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Added</th>
            <th scope="col">SHA-256</th>
            {action ? (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {files.map((f) => (
            <tr key={f.id}>
              <td>
                <a href={f.href} download className="font-semibold break-words">
                  {f.name}
                </a>
                <span className="block text-sm text-nhs-secondary">
                  {f.label}, {formatBytes(f.size)}
                </span>
              </td>
              <td className="text-sm">
                {formatDate(f.uploadedAt)} by {f.uploadedBy}
              </td>
              <td>
                <code className="text-xs break-all">{f.sha256}</code>
              </td>
              {action ? <td>{action(f)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The decision's evidence files on its page, with the way to add or remove them for its Chief Executive. */
export async function DecisionFiles({ d, actor }: SectionProps & { actor: Actor }) {
  const files = await listDecisionFiles(actor, d.id);
  const canChange = d.permissions.canEdit || d.permissions.canAmend;
  const signedOff = d.status === "signed_off" || d.status === "reviewed";
  if (!files.decisionFiles.length && !files.outcomeFiles.length && !canChange && !signedOff) return null;
  return (
    <section aria-labelledby="files-heading" className="mb-10">
      <h2 id="files-heading" className="mb-4 text-2xl">
        Evidence files
      </h2>
      <FileTable files={files.decisionFiles} caption="Files of the decision" empty="No files are attached to this decision." />
      {files.outcomeFiles.length ? (
        <>
          <h3 className="mt-6 mb-2 text-xl">Evidence for the outcomes</h3>
          <FileTable files={files.outcomeFiles} caption="Evidence for the outcomes" empty="" />
        </>
      ) : null}
      {canChange || signedOff ? (
        <p className="mt-4">
          <Link href={`/decisions/${d.id}/files`}>{canChange ? "Add or remove files" : "Files and evidence for the outcomes"}</Link>
        </p>
      ) : null}
    </section>
  );
}
