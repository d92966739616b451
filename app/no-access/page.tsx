import { requireActor } from "@/lib/auth";
import { PageHeading } from "../_components/ui";

export const metadata = { title: "No access yet" };

export default async function NoAccess() {
  await requireActor();
  return (
    <>
      <PageHeading>You do not have access to any organisation yet</PageHeading>
      <p className="max-w-prose">Ask your Fulcrum administrator to add you to your trust, Integrated Care System (ICS) or national team.</p>
    </>
  );
}
