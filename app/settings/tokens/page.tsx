import Link from "@/app/_components/link";
import { requireActor } from "@/lib/auth";
import { formatDate, formatDateTime } from "@/lib/format";
import { DEFAULT_TOKEN_DAYS, listApiTokens, MAX_TOKEN_DAYS } from "@/lib/tokens";
import { PageHeading, Tag } from "../../_components/ui";
import { revokeTokenAction } from "./actions";
import { CreateTokenForm } from "./create-token-form";

export const metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function TokensPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const tokens = await listApiTokens(actor);
  return (
    <div className="max-w-4xl">
      <PageHeading caption="Settings">API tokens</PageHeading>
      <p className="mb-4 max-w-prose">
        A token lets a script or a reporting tool use the <Link href="/api-docs">Fulcrum API</Link> as you: it sees and does only what you may.
        Revoke a token as soon as you no longer need it.
      </p>
      {sp.revoked ? (
        <p role="status" className="nhs-inset mb-6">
          The token was revoked. Anything still using it will be refused.
        </p>
      ) : null}
      {sp["revoke-failed"] ? (
        <p role="alert" className="nhs-inset mb-6">
          That token could not be found. It may already have been revoked.
        </p>
      ) : null}
      <CreateTokenForm defaultDays={DEFAULT_TOKEN_DAYS} maxDays={MAX_TOKEN_DAYS} />

      <h2 className="mt-10 mb-4 text-2xl">Your tokens</h2>
      {tokens.length === 0 ? (
        <p>You have no tokens yet — create one above to use the API.</p>
      ) : (
        <div className="relative overflow-x-auto" role="region" aria-label="Your tokens" tabIndex={0}>
          <table className="nhs-table">
            <caption className="sr-only">Your API tokens</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Starts with</th>
                <th scope="col">Can</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col">Last used</th>
                <th scope="col">State</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((t) => (
                <tr key={t.id}>
                  <td>{t.name}</td>
                  <td className="font-mono text-sm">{t.prefix}…</td>
                  <td>{t.scope === "write" ? "Read and write" : "Read only"}</td>
                  <td>{formatDate(t.createdAt)}</td>
                  <td>{formatDate(t.expiresAt)}</td>
                  <td>{t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never"}</td>
                  <td>
                    {t.state === "active" ? <Tag colour="green">Active</Tag> : t.state === "expired" ? <Tag colour="grey">Expired</Tag> : <Tag colour="red">Revoked</Tag>}
                  </td>
                  <td>
                    {t.state === "active" ? (
                      <form action={revokeTokenAction}>
                        <input type="hidden" name="id" value={t.id} />
                        <button type="submit" className="nhs-button nhs-button-warning text-base">
                          Revoke<span className="sr-only"> {t.name}</span>
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
