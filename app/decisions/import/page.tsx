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
  ["options", "Options considered."],
  ["impact on trust", "£ to the trust: £250k, £2.4m, (250) or -£1,200,000; plain numbers are £k."],
  ["impact on system", "£ to the system, written the same way."],
  ["historic signed off on", "History: the past date the board signed it off. The row comes in as signed off (needs what submitting needs)."],
  ["historic meeting", "History: the meeting, like \"public board, 12 March 2024\"."],
  ["historic signed off by", "History: who signed it off, as the register records it."],
];

export default async function ImportPage() {
  const actor = await requireActor();
  if (!mayImport(actor)) notFound();
  return (
    <div className="max-w-4xl">
      <BackLink href="/decisions">Back to the decisions</BackLink>
      <PageHeading caption="Decisions">Import decisions from a spreadsheet</PageHeading>
      <p className="mb-4">
        Bring the register your trust already keeps: an Excel workbook (.xlsx) or a CSV file, in its own column names. You match its
        columns to Fulcrum&apos;s fields and see the first rows as they would be imported. Then the whole file is checked row by row and
        nothing is saved; if every row is correct you can import it: all of the file or, if anything goes wrong, none of it.
      </p>
      <p className="mb-4">
        Decisions your board signed off before Fulcrum can come in as history: map the date they were signed off (and the meeting and
        who, if the register says). They are recorded as imported, not as positions the members took in Fulcrum.
      </p>
      <p className="mb-6">
        A file downloaded from the register (Download CSV) imports back as it is.
        {isAdmin(actor) ? " As an administrator you import on behalf of each trust's Chief Executive: fill in the author email column." : ""}
      </p>
      <ImportForm />
      <details className="mt-10">
        <summary className="cursor-pointer font-semibold text-nhs-blue underline">Fulcrum&apos;s own column names (a file that uses them needs no mapping)</summary>
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
