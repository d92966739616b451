import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink, PageHeading } from "@/app/_components/ui";
import { isAdmin } from "@/lib/access";
import { requireActor } from "@/lib/auth";
import { mayImport } from "@/lib/decisions";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import decisions" };

const COLUMNS: [string, string][] = [
  ["trust ODS", "The trust's ODS code, like RNA. Required."],
  ["title", "Required."],
  ["summary", "Needed to submit."],
  ["rationale", "Needed to submit."],
  ["favoured", "system or trust. Needed to submit."],
  ["category", "finance, service, contracting, workforce, estates, capacity or governance. Needed to submit."],
  ["decided on", "A date like 2026-11-26 (or 26/11/2026). Needed to submit."],
  ["factors", "Factor codes or names separated by semicolons, like population_outcomes; workforce."],
  ["visibility", "trust (the trust board only, the default) or system (shared with the ICS)."],
  ["author email", "Administrators only: the Chief Executive of the trust, who becomes the author."],
  ["criteria", "Success criteria separated by semicolons, each as statement | target | judged-by date."],
  ["submit", "yes to submit for sign-off (needs criteria, a side and a category); otherwise a draft."],
];

export default async function ImportPage() {
  const actor = await requireActor();
  if (!mayImport(actor)) notFound();
  return (
    <div className="max-w-4xl">
      <BackLink href="/decisions">Back to the decisions</BackLink>
      <PageHeading caption="Decisions">Import decisions from a CSV file</PageHeading>
      <p className="mb-4">
        First the file is checked row by row and nothing is saved. If every row is correct you can then import it: all of the file or,
        if anything goes wrong, none of it.
      </p>
      <p className="mb-6">
        A file downloaded from the register (Download CSV) imports back as it is: columns the import does not use are skipped.
        {isAdmin(actor) ? " As an administrator you import on behalf of each trust's Chief Executive: fill in the author email column." : ""}
      </p>
      <ImportForm />
      <details className="mt-10">
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">The columns the import reads</summary>
        <div className="mt-4 overflow-x-auto" role="region" aria-label="Import columns" tabIndex={0}>
          <table className="nhs-table">
            <caption className="mb-2 text-left text-xl font-bold">Import columns</caption>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">What to put in it</th>
              </tr>
            </thead>
            <tbody>
              {COLUMNS.map(([c, what]) => (
                <tr key={c}>
                  <td className="whitespace-nowrap font-mono">{c}</td>
                  <td>{what}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
