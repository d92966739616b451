import Link from "@/app/_components/link";
import type { ReactNode } from "react";
import type { Actor } from "@/lib/access";
import { listDecisionFiles, type FileDto } from "@/lib/attachments";
import { formatBytes } from "@/lib/decisions/diff";
import { formatDate } from "@/lib/format";
import type { SectionProps } from "./types";

/** Files as a list (it reads the same on a phone): name (a download), type and size, who added it and when, its SHA-256. */
export function FileTable({ files, caption, empty, action }: { files: FileDto[]; caption: string; empty: string; action?: (f: FileDto) => ReactNode }) {
  if (!files.length) return <p>{empty}</p>;
  return (
    <ul aria-label={caption} className="divide-y divide-nhs-border border-y border-nhs-border bg-white">
      {files.map((f) => (
        <li key={f.id} className="flex flex-wrap items-start justify-between gap-x-6 gap-y-2 p-4">
          <div className="min-w-0 flex-1 basis-64">
            <a href={f.href} download className="font-semibold break-words">
              {f.name}
            </a>
            <span className="block text-nhs-secondary">
              {f.label}, {formatBytes(f.size)} · added {formatDate(f.uploadedAt)} by {f.uploadedBy}
            </span>
            <span className="block text-sm text-nhs-secondary">
              SHA-256 <code className="break-all">{f.sha256}</code>
            </span>
          </div>
          {action ? <div className="shrink-0">{action(f)}</div> : null}
        </li>
      ))}
    </ul>
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
