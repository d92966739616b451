import Link from "@/app/_components/link";
import { getSignInFactors, getUser, listUserIdentities } from "@/lib/admin";
import { ROLE, ROLE_LABELS, SEAT_LABELS } from "@/lib/access";
import { formatDate } from "@/lib/format";
import { BackLink, InsetText, PageHeading, SummaryList, Tag } from "../../../_components/ui";
import { ActionButton } from "../../forms";
import { orNotFound, requireAdmin } from "../../guard";

export const metadata = { title: "User – Administration" };

const DONE: Record<string, string> = {
  "second-factor-reset":
    "The person's authenticator app and recovery codes are removed, and every session they had has ended. They set up an authenticator app again at their next sign-in with a password.",
  "no-second-factor": "The person had no authenticator app set up: nothing changed.",
  "signed-out": "Every session the person had has ended. They must sign in again.",
  disabled: "The account is disabled. Any session the person had has ended.",
  enabled: "The account is enabled again.",
  "membership-added": "Membership added.",
  "membership-removed": "Membership removed.",
  "sso-unlinked": "The single sign-on link is removed. The person's next single sign-on links again by their verified e-mail address.",
};

export default async function UserPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireAdmin();
  const { id } = await params;
  const sp = await searchParams;
  const user = await orNotFound(getUser(actor, id));
  const [identities, factors] = await Promise.all([listUserIdentities(actor, { userId: user.id }), getSignInFactors(actor, user.id)]);
  const done = sp.created ? "User added. Now give them a membership." : sp.done ? DONE[sp.done] : undefined;
  return (
    <>
      <BackLink href="/admin/users">Users</BackLink>
      <PageHeading caption="User">{user.name}</PageHeading>
      {done ? (
        <div role="status">
          <InsetText>{done}</InsetText>
        </div>
      ) : null}
      <SummaryList
        rows={[
          { key: "Email address", value: <span className="break-all">{user.email}</span> },
          { key: "Status", value: user.disabled ? <Tag colour="red">Disabled</Tag> : <Tag colour="green">Active</Tag> },
          { key: "Added", value: formatDate(user.createdAt) },
          {
            key: "Password",
            value: factors.passwordSet ? "Set" : "Not set (a set-password link is waiting, or the person signs in only with single sign-on)",
            action: { href: `/admin/users/${user.id}/password`, label: "Reset" },
          },
          { key: "Authenticator app", value: factors.totpEnrolledAt ? `Set up on ${formatDate(factors.totpEnrolledAt)}` : "Not set up" },
        ]}
      />

      <h2 className="mb-4 text-2xl">Memberships</h2>
      {user.memberships.length ? (
        <div className="mb-6 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="memberships-caption">
          <table className="nhs-table">
            <caption id="memberships-caption" className="sr-only">
              {user.name}&apos;s memberships
            </caption>
            <thead>
              <tr>
                <th scope="col">Organisation</th>
                <th scope="col">Role</th>
                <th scope="col">
                  <span className="sr-only">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {user.memberships.map((m) => (
                <tr key={m.id}>
                  <td>
                    {m.organisationName} <span className="font-mono text-nhs-secondary">({m.ods})</span>
                  </td>
                  <td>{m.role === ROLE.boardMember && m.seat ? `Board member: ${SEAT_LABELS[m.seat]}` : ROLE_LABELS[m.role]}</td>
                  <td>
                    <ActionButton
                      kind="remove-membership"
                      fields={{ membershipId: m.id, userId: user.id }}
                      label={
                        <>
                          Remove<span className="sr-only"> membership of {m.organisationName}</span>
                        </>
                      }
                      className="nhs-button nhs-button-secondary px-3! py-1! text-base"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="mb-6">No memberships yet — add one so the person can see their organisation.</p>
      )}
      <p className="mb-10">
        <Link href={`/admin/users/${user.id}/memberships/new`} className="nhs-button">
          Add a membership
        </Link>
      </p>

      <h2 className="mb-2 text-2xl">Single sign-on</h2>
      {identities.length ? (
        <ul className="mb-10">
          {identities.map((i) => (
            <li key={i.id} className="mb-4">
              <p className="mb-2">
                Linked to <span className="break-all">{i.emailAtLink}</span> at <span className="break-all font-mono text-base">{i.issuer}</span> on{" "}
                {formatDate(i.createdAt)}
                {i.lastSignInAt ? `; last signed in ${formatDate(i.lastSignInAt)}` : ""}.
              </p>
              <ActionButton
                kind="unlink-sso"
                fields={{ userId: user.id, identityId: i.id }}
                label={
                  <>
                    Unlink<span className="sr-only"> single sign-on account {i.emailAtLink}</span>
                  </>
                }
              />
            </li>
          ))}
        </ul>
      ) : (
        <p className="mb-10 max-w-prose">Not linked. The first time the person signs in with their organisation&apos;s account, it links by their verified e-mail address.</p>
      )}

      {factors.totpEnrolledAt ? (
        <>
          <h2 className="mb-2 text-2xl">Reset the authenticator app</h2>
          <p className="mb-4 max-w-prose">
            For a lost or replaced phone: removes the person&apos;s authenticator app and recovery codes and signs them out everywhere. At their next
            sign-in with a password they set up an authenticator app again. Check who is asking before you do this.
          </p>
          <div className="mb-10">
            <ActionButton kind="reset-second-factor" fields={{ userId: user.id }} label="Reset authenticator app" />
          </div>
        </>
      ) : null}

      <h2 className="mb-2 text-2xl">Sign out everywhere</h2>
      <p className="mb-4 max-w-prose">Ends every session the person has, on every device (for a lost laptop or phone). Their password and API tokens stay.</p>
      <div className="mb-10">
        <ActionButton kind="sign-out-everywhere" fields={{ userId: user.id }} label="Sign out everywhere" />
      </div>

      <h2 className="mb-2 text-2xl">{user.disabled ? "Enable the account" : "Disable the account"}</h2>
      <p className="mb-4 max-w-prose">
        {user.disabled
          ? "The person will be able to sign in again with their password."
          : "The person will be signed out at once and cannot sign in again until the account is enabled. Their records stay."}
      </p>
      <ActionButton
        kind="set-disabled"
        fields={{ userId: user.id, disabled: user.disabled ? "no" : "yes" }}
        label={user.disabled ? "Enable account" : "Disable account"}
        className={user.disabled ? "nhs-button nhs-button-secondary" : "nhs-button nhs-button-warning"}
      />
    </>
  );
}
