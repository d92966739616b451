import { ROLE, type ActorMembership } from "./access";

export type NavItem = { href: string; label: string; count?: number };

/** The navigation for the membership a person is acting as. */
export function navigationFor(m: ActorMembership | null, counts: { inbox?: number } = {}): NavItem[] {
  if (!m) return [];
  const items: NavItem[] = [];
  switch (m.role) {
    case ROLE.chiefExecutive:
      items.push(
        { href: "/inbox", label: "Inbox", count: counts.inbox },
        { href: "/decisions", label: "Decisions" },
        { href: "/decisions/new", label: "Record a decision" },
        { href: "/decisions/import", label: "Import" },
        { href: "/meetings", label: "Meetings" },
        { href: `/dashboard/trust/${m.ods}`, label: "Dashboard" },
      );
      break;
    case ROLE.boardMember:
      items.push(
        { href: "/inbox", label: "Inbox", count: counts.inbox },
        { href: "/decisions", label: "Decisions" },
        { href: "/meetings", label: "Meetings" },
        { href: `/dashboard/trust/${m.ods}`, label: "Dashboard" },
      );
      break;
    case ROLE.companySecretary:
      items.push(
        { href: "/meetings", label: "Meetings" },
        { href: "/decisions", label: "Decisions" },
        { href: `/trusts/${m.ods}/risk-appetite`, label: "Risk appetite" },
        { href: `/dashboard/trust/${m.ods}`, label: "Dashboard" },
      );
      break;
    case ROLE.icsLead:
      items.push({ href: `/dashboard/ics/${m.ods}`, label: "ICS dashboard" }, { href: "/decisions", label: "Shared decisions" });
      break;
    case ROLE.nationalAnalyst:
      items.push({ href: "/dashboard/national", label: "National dashboard" });
      break;
    case ROLE.admin:
      items.push(
        { href: "/admin", label: "Administration" },
        { href: "/admin/audit", label: "Audit chain" },
        { href: "/admin/mail", label: "Mail" },
        { href: "/decisions/import", label: "Import decisions" },
      );
      break;
  }
  // A person's own settings (e-mail, sessions, password, authenticator, API tokens) are one item, so
  // the navigation stays two lines on a phone.
  items.push({ href: "/settings", label: "Your account" });
  return items;
}
