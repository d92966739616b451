// Every route of REST API v1, described once. The route wrapper parses requests with these schemas
// and the OpenAPI document is generated from them, so the reference cannot drift from the code.
import * as M from "./meetings-wire";
import * as S from "./schemas";
import type { z } from "./zod";

export type Method = "get" | "post" | "patch" | "delete";

export type RouteSpec<
  P extends z.ZodObject = z.ZodObject,
  Q extends z.ZodType = z.ZodType,
  B extends z.ZodType = z.ZodType,
  R extends z.ZodType = z.ZodType,
> = {
  id: string;
  method: Method;
  /** OpenAPI style: /api/v1/decisions/{id} */
  path: string;
  summary: string;
  description: string;
  tag: "Decisions" | "Sign-off" | "Meetings" | "Outcomes" | "Statistics" | "Administration" | "Account" | "Reference";
  params?: P;
  query?: Q;
  body?: B;
  /** null: no body on success (204). */
  response: R | null;
  status: 200 | 201 | 204;
  /** "public": no token needed. "write": a read token is refused. "admin": an administrator's write token. */
  auth: "public" | "read" | "write" | "admin";
  /** The error statuses this route can answer, beyond 401 and 429 which every authenticated route can. */
  errors: number[];
  /**
   * The route changes a decision: the request must say which `revision` the change is based on,
   * as `baseVersion` in the body or an `If-Match: "<revision>"` header. Neither is a 400; a stale one
   * is a 409. The wrapper checks it with the body, and the OpenAPI document lists the header.
   */
  baseRevision?: true;
  /** The body of the curl example in the reference (JSON), when it sends one. */
  exampleBody?: unknown;
  exampleQuery?: string;
};

function route<P extends z.ZodObject, Q extends z.ZodType, B extends z.ZodType, R extends z.ZodType>(
  spec: RouteSpec<P, Q, B, R>,
): RouteSpec<P, Q, B, R> {
  return spec;
}

export const routes = {
  openapi: route({
    id: "getOpenApi",
    method: "get",
    path: "/api/v1/openapi.json",
    summary: "This API's OpenAPI 3.1 document",
    description: "Generated from the same schemas the routes parse requests with. Needs no token.",
    tag: "Reference",
    response: null,
    status: 200,
    auth: "public",
    errors: [],
  }),
  me: route({
    id: "getMe",
    method: "get",
    path: "/api/v1/me",
    summary: "Who the token acts as",
    description: "The token's owner, its scope, and the owner's memberships: the token may do what they may do.",
    tag: "Account",
    response: S.Me,
    status: 200,
    auth: "read",
    errors: [],
  }),
  listTokens: route({
    id: "listTokens",
    method: "get",
    path: "/api/v1/tokens",
    summary: "Your API tokens",
    description: "The owner's tokens (never the tokens themselves, which are stored only as hashes), newest first.",
    tag: "Account",
    response: S.TokenList,
    status: 200,
    auth: "read",
    errors: [],
  }),
  revokeToken: route({
    id: "revokeToken",
    method: "delete",
    path: "/api/v1/tokens/{id}",
    summary: "Revoke one of your tokens",
    description: "Revokes a token of the owner (this one too, if you name it). Someone else's token is 404.",
    tag: "Account",
    params: S.IdParams,
    response: S.Token,
    status: 200,
    auth: "write",
    errors: [403, 404],
  }),
  listDecisions: route({
    id: "listDecisions",
    method: "get",
    path: "/api/v1/decisions",
    summary: "The register: decisions you may read",
    description:
      "Decisions the token's owner may read, newest decision date first, filtered like the register. " +
      "Pages of up to 200 (`limit`, default 50); pass `nextCursor` back as `cursor` for the next page.",
    tag: "Decisions",
    query: S.ListQuery,
    response: S.DecisionList,
    status: 200,
    auth: "read",
    errors: [400],
    exampleQuery: "?trust=RNA&favoured=system&limit=100",
  }),
  createDecision: route({
    id: "createDecision",
    method: "post",
    path: "/api/v1/decisions",
    summary: "Record a new draft decision",
    description: "Creates a draft in the named trust (the token's owner must be its Chief Executive). Answers 201 with the draft.",
    tag: "Decisions",
    body: S.DecisionInput,
    response: S.DecisionDetail,
    status: 201,
    auth: "write",
    errors: [400, 403, 404, 413],
    exampleBody: {
      trust: "RNA",
      title: "Host the system's elective hub",
      summary: "Theatres at our site serve the whole ICS.",
      favoured: "system",
      category: "capacity",
      factors: ["population_outcomes", "economies_of_scale"],
      decidedOn: "2026-03-01",
      criteria: [{ statement: "Waiting list over 52 weeks falls", target: "below 500", judgedBy: "2027-03-31" }],
    },
  }),
  getDecision: route({
    id: "getDecision",
    method: "get",
    path: "/api/v1/decisions/{id}",
    summary: "One decision, in full",
    description: "With its criteria and their outcomes, every frozen version (number and hash), and the sign-off record. A decision you may not read is 404.",
    tag: "Decisions",
    params: S.IdParams,
    response: S.DecisionDetail,
    status: 200,
    auth: "read",
    errors: [404],
  }),
  updateDecision: route({
    id: "updateDecision",
    method: "patch",
    path: "/api/v1/decisions/{id}",
    summary: "Edit a decision",
    description:
      "Send only the fields to change, with `baseVersion` (the `revision` you read) or `If-Match: \"<revision>\"`. " +
      "If someone changed the decision since, the answer is 409 and nothing is written. `criteria`, when sent, replaces the list.",
    tag: "Decisions",
    params: S.IdParams,
    body: S.DecisionPatch,
    response: S.DecisionDetail,
    status: 200,
    auth: "write",
    errors: [400, 403, 404, 409, 413],
    baseRevision: true,
    exampleBody: { baseVersion: 3, summary: "Updated after the finance committee." },
  }),
  submitDecision: route({
    id: "submitDecision",
    method: "post",
    path: "/api/v1/decisions/{id}/submit",
    summary: "Submit for sign-off",
    description:
      "Freezes the content and criteria as a new version with its SHA-256 and asks the board for sign-off. Needs at least one criterion. " +
      "Send `baseVersion` (the `revision` you read) or `If-Match: \"<revision>\"`: if someone changed the decision since, the answer is 409 and nothing is written.",
    tag: "Decisions",
    params: S.IdParams,
    body: S.SubmitInput,
    response: S.DecisionDetail,
    status: 200,
    auth: "write",
    errors: [400, 403, 404, 409],
    baseRevision: true,
    exampleBody: { baseVersion: 3 },
  }),
  withdrawDecision: route({
    id: "withdrawDecision",
    method: "post",
    path: "/api/v1/decisions/{id}/withdraw",
    summary: "Withdraw a decision",
    description:
      "Withdraws a draft or a decision awaiting sign-off, with a `reason`. " +
      "Send `baseVersion` (the `revision` you read) or `If-Match: \"<revision>\"`: if someone changed the decision since, the answer is 409 and nothing is written.",
    tag: "Decisions",
    params: S.IdParams,
    body: S.WithdrawInput,
    response: S.DecisionDetail,
    status: 200,
    auth: "write",
    errors: [400, 403, 404, 409],
    baseRevision: true,
    exampleBody: { reason: "Superseded by the ICS plan.", baseVersion: 3 },
  }),
  recordPosition: route({
    id: "recordPosition",
    method: "post",
    path: "/api/v1/decisions/{id}/positions",
    summary: "Record your position (board members)",
    description: "Support, object or abstain on the current version. A change of mind is a new position; positions are never edited.",
    tag: "Sign-off",
    params: S.IdParams,
    body: S.PositionInput,
    response: S.Position,
    status: 201,
    auth: "write",
    errors: [400, 403, 404, 409],
    exampleBody: { position: "support", forum: "public_board", comment: "The hub serves our patients too.", conflict: null, version: 1 },
  }),
  recordOutcome: route({
    id: "recordOutcome",
    method: "post",
    path: "/api/v1/criteria/{id}/outcomes",
    summary: "Record an outcome against a criterion",
    description: "On a signed-off decision. When every criterion has an outcome the decision becomes reviewed.",
    tag: "Outcomes",
    params: S.IdParams,
    body: S.OutcomeInput,
    response: S.Outcome,
    status: 201,
    auth: "write",
    errors: [400, 403, 404, 409],
    exampleBody: { outcome: "met", evidence: "Q3 waiting list report: 412 over 52 weeks." },
  }),
  listMeetings: route({
    id: "listMeetings",
    method: "get",
    path: "/api/v1/meetings",
    summary: "List your trusts' meetings",
    description: "For the Chief Executive, board and Company Secretary of a trust: upcoming meetings first (soonest first), then past ones.",
    tag: "Meetings",
    response: M.MeetingList,
    status: 200,
    auth: "read",
    errors: [],
  }),
  createMeeting: route({
    id: "createMeeting",
    method: "post",
    path: "/api/v1/meetings",
    summary: "Create a meeting (Company Secretary, Chair)",
    description: "Date and start time in England's time; kind public_board, private_board or committee (with its name).",
    tag: "Meetings",
    body: M.MeetingInput,
    response: M.Meeting,
    status: 201,
    auth: "write",
    errors: [400, 404],
    exampleBody: { date: "2026-12-03", time: "10:00", kind: "private_board", location: "Boardroom" },
  }),
  getMeeting: route({
    id: "getMeeting",
    method: "get",
    path: "/api/v1/meetings/{id}",
    summary: "A meeting: agenda (with the version in the pack), attendance, quorum and resolutions",
    description: "Another trust's meeting is not found.",
    tag: "Meetings",
    params: S.IdParams,
    response: M.Meeting,
    status: 200,
    auth: "read",
    errors: [404],
  }),
  addAgendaItem: route({
    id: "addAgendaItem",
    method: "post",
    path: "/api/v1/meetings/{id}/items",
    summary: "Add an item to a planned meeting's agenda",
    description: "A decision awaiting sign-off (the secretary, the Chair, or the Chief Executive proposing it) or a plain item. A decision for the trust board only is refused on a public meeting's agenda.",
    tag: "Meetings",
    params: S.IdParams,
    body: M.AgendaItemInput,
    response: M.Meeting,
    status: 201,
    auth: "write",
    errors: [400, 403, 404, 409],
    exampleBody: { decisionId: "6f1c1a4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f" },
  }),
  recordAttendance: route({
    id: "recordAttendance",
    method: "post",
    path: "/api/v1/meetings/{id}/attendance",
    summary: "Record attendance at a held meeting (replaces what was recorded)",
    description: "Present, apologies or in attendance, for members of the trust's board and its Company Secretary.",
    tag: "Meetings",
    params: S.IdParams,
    body: M.AttendanceInput,
    response: M.Meeting,
    status: 200,
    auth: "write",
    errors: [400, 403, 404, 409],
    exampleBody: { attendance: [{ userId: "6f1c1a4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", attendance: "present" }] },
  }),
  recordResolution: route({
    id: "recordResolution",
    method: "post",
    path: "/api/v1/meetings/{id}/items/{itemId}/resolution",
    summary: "Record the board's resolution on a decision item",
    description: "At a held, quorate meeting. The positions are recorded on the version in the pack and sign-off follows the trust's policy as if members had recorded them; not_approved is the Chair's decline; deferred leaves it awaiting.",
    tag: "Meetings",
    params: M.ItemParams,
    body: M.ResolutionInput,
    response: M.ResolutionResult,
    status: 201,
    auth: "write",
    errors: [400, 403, 404, 409],
    exampleBody: { resolution: "approved", exceptions: [{ userId: "6f1c1a4e-1a2b-4c3d-8e9f-0a1b2c3d4e5f", position: "object", comment: "The risk share is unclear." }] },
  }),
  balance: route({
    id: "getBalance",
    method: "get",
    path: "/api/v1/stats/balance",
    summary: "System-favoured versus trust-favoured counts",
    description:
      "Counts of decisions by side, grouped by trust type, category, quarter, trust or author, with the register's filters. " +
      "Counts include confidential decisions where the viewer's dashboards do; the national view suppresses counts of 1–2 (null) and refuses trust and author groupings.",
    tag: "Statistics",
    query: S.BalanceQuery,
    response: S.BalanceStats,
    status: 200,
    auth: "read",
    errors: [400, 404],
    exampleQuery: "?groupBy=quarter&ics=QNV&from=2025-04-01",
  }),
  createOrganisation: route({
    id: "createOrganisation",
    method: "post",
    path: "/api/v1/admin/organisations",
    summary: "Create an organisation (administrators)",
    description: "A national body, an ICS, or a trust (with its ICS's ODS code).",
    tag: "Administration",
    body: S.OrganisationInput,
    response: S.Organisation,
    status: 201,
    auth: "admin",
    errors: [400, 404, 409],
    exampleBody: { kind: "trust", name: "Northfield Community Trust", ods: "RNF", icsOds: "QNV", trustType: "community", foundationTrust: true, turnoverM: 180 },
  }),
  createUser: route({
    id: "createUser",
    method: "post",
    path: "/api/v1/admin/users",
    summary: "Invite a user (administrators)",
    description:
      "By e-mail address and name only: nobody sets another person's password. The answer carries a set-password link (single use, 72 hours), shown once; Fulcrum also e-mails it when a mail server is set up. A `password` field is refused.",
    tag: "Administration",
    body: S.UserInput,
    response: S.UserInvited,
    status: 201,
    auth: "admin",
    errors: [400, 409],
    exampleBody: { email: "ce@northfield.nhs.uk", name: "Sam Patel" },
  }),
  resetUserPassword: route({
    id: "resetUserPassword",
    method: "post",
    path: "/api/v1/admin/users/{id}/password-reset",
    summary: "Reset a user's password (administrators)",
    description:
      "The person's password stops working at once, every session ends and their API tokens are revoked; the answer carries a new set-password link (single use, 72 hours), shown once and e-mailed when a mail server is set up. Not for your own account (403).",
    tag: "Administration",
    params: S.IdParams,
    response: S.SetPasswordLink,
    status: 201,
    auth: "admin",
    errors: [403, 404],
  }),
  createMembership: route({
    id: "createMembership",
    method: "post",
    path: "/api/v1/admin/memberships",
    summary: "Give a user a role in an organisation (administrators)",
    description: "Board members need a seat: chair, non_executive or executive.",
    tag: "Administration",
    body: S.MembershipInput,
    response: S.Membership,
    status: 201,
    auth: "admin",
    errors: [400, 404, 409],
    exampleBody: { email: "ce@northfield.nhs.uk", ods: "RNF", role: "chief_executive" },
  }),
} as const;

export const ALL_ROUTES: RouteSpec[] = Object.values(routes) as unknown as RouteSpec[];
