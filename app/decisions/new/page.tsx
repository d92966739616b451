import type { Metadata } from "next";
import { BackLink, PageHeading } from "@/app/_components/ui";
import { requireActor } from "@/lib/auth";
import { listDecisionFormOptions } from "@/lib/decisions";
import { orNotFound } from "@/lib/page-errors";
import { DecisionForm } from "../_form/decision-form";

export const metadata: Metadata = { title: "Record a decision" };

export default async function NewDecisionPage() {
  const actor = await requireActor();
  const options = await orNotFound(listDecisionFormOptions(actor));
  return (
    <div className="max-w-4xl">
      <BackLink href="/decisions">Back to decisions</BackLink>
      <PageHeading caption={options.trust.name}>Record a decision</PageHeading>
      <p className="mb-8 max-w-prose">
        Record a decision in which you weighed the wider system against your trust. You can save it as a draft at any
        time: only you can see a draft. When it is ready, submit it for sign-off by the board.
      </p>
      <DecisionForm
        mode="create"
        initialValues={{ visibility: "trust" }}
        organisations={options.organisations}
        trusts={options.trusts}
      />
    </div>
  );
}
