// The route × role matrix (issue 15, reliability): ONE entry per page, route handler method and
// server action. `tests/integration/route-matrix.test.ts` discovers every route from app/ and fails
// when one has no entry here (or an entry names a route that is gone).
//
// To add a route: add one line, key as the test prints it ("page /x/[id]", "GET /api/v1/x/{id}" for
// API routes (OpenAPI path), "GET /x/route" for other route handlers, "action app/x/actions.ts#name"),
// with who may use it and what someone of another trust/ICS gets:
//   who:    "public" | "signed-in" | "chief_executive" | "board" (CE, chair, members) | "ics_lead" |
//           "admin" | "national" | "register" (CE, board, ICS lead) | "reader" (anyone who may read the object)
//   other:  "404" (another organisation's object is not found, nothing of it in the body) |
//           "own" (acts on the signed-in person's own things only) | "none" (no organisation's object)
export type Audience = "public" | "signed-in" | "chief_executive" | "board" | "ics_lead" | "admin" | "national" | "register" | "reader";
export type MatrixEntry = { who: Audience | Audience[]; other: "404" | "own" | "none" };

export const ROUTE_MATRIX: Record<string, MatrixEntry> = {
  // pages
  "page /": { who: "public", other: "none" },
  "page /sign-in": { who: "public", other: "none" },
  "page /no-access": { who: "signed-in", other: "none" },
  "page /inbox": { who: "signed-in", other: "own" },
  "page /api-docs": { who: "public", other: "none" },
  "page /settings/tokens": { who: "signed-in", other: "own" },
  "page /decisions": { who: "register", other: "404" },
  "page /decisions/new": { who: "chief_executive", other: "404" },
  "page /decisions/import": { who: "chief_executive", other: "404" },
  "page /decisions/[id]": { who: "reader", other: "404" },
  "page /decisions/[id]/edit": { who: "chief_executive", other: "404" },
  "page /decisions/[id]/submit": { who: "chief_executive", other: "404" },
  "page /decisions/[id]/withdraw": { who: "chief_executive", other: "404" },
  "page /decisions/[id]/paper": { who: "reader", other: "404" },
  "page /decisions/[id]/versions/[version]": { who: "reader", other: "404" },
  "page /dashboard/trust/[ods]": { who: "board", other: "404" },
  "page /dashboard/ics/[ods]": { who: "ics_lead", other: "404" },
  "page /dashboard/national": { who: ["national", "admin"], other: "none" },
  "page /admin": { who: "admin", other: "404" },
  "page /admin/audit": { who: "admin", other: "404" },
  "page /admin/organisations": { who: "admin", other: "404" },
  "page /admin/organisations/new": { who: "admin", other: "404" },
  "page /admin/organisations/[id]": { who: "admin", other: "404" },
  "page /admin/users": { who: "admin", other: "404" },
  "page /admin/users/new": { who: "admin", other: "404" },
  "page /admin/users/[id]": { who: "admin", other: "404" },
  "page /admin/users/[id]/password": { who: "admin", other: "404" },
  "page /admin/users/[id]/memberships/new": { who: "admin", other: "404" },
  // API (token) routes, by their OpenAPI path
  "GET /api/v1/openapi.json": { who: "public", other: "none" },
  "GET /api/v1/me": { who: "signed-in", other: "own" },
  "GET /api/v1/tokens": { who: "signed-in", other: "own" },
  "DELETE /api/v1/tokens/{id}": { who: "signed-in", other: "404" },
  "GET /api/v1/decisions": { who: "register", other: "404" },
  "POST /api/v1/decisions": { who: "chief_executive", other: "404" },
  "GET /api/v1/decisions/{id}": { who: "reader", other: "404" },
  "PATCH /api/v1/decisions/{id}": { who: "chief_executive", other: "404" },
  "POST /api/v1/decisions/{id}/submit": { who: "chief_executive", other: "404" },
  "POST /api/v1/decisions/{id}/withdraw": { who: "chief_executive", other: "404" },
  "POST /api/v1/decisions/{id}/positions": { who: "board", other: "404" },
  "POST /api/v1/criteria/{id}/outcomes": { who: "chief_executive", other: "404" },
  "GET /api/v1/stats/balance": { who: ["board", "ics_lead", "national", "admin"], other: "404" },
  "POST /api/v1/admin/organisations": { who: "admin", other: "404" },
  "POST /api/v1/admin/users": { who: "admin", other: "404" },
  "POST /api/v1/admin/memberships": { who: "admin", other: "404" },
  // other route handlers (cookie sessions)
  "GET /api/auth/[...nextauth]/route": { who: "public", other: "none" },
  "POST /api/auth/[...nextauth]/route": { who: "public", other: "none" },
  "GET /decisions/[id]/paper/pdf/route": { who: "reader", other: "404" },
  "GET /decisions/[id]/versions/[version]/content.json/route": { who: "reader", other: "404" },
  "GET /decisions/export/csv/route": { who: "register", other: "404" },
  "GET /decisions/export/xlsx/route": { who: "register", other: "404" },
  "POST /decisions/import/check/route": { who: "chief_executive", other: "404" },
  "POST /decisions/import/run/route": { who: "chief_executive", other: "404" },
  // server actions
  "action app/actions.ts#signOutAction": { who: "signed-in", other: "own" },
  "action app/actions.ts#switchMembershipAction": { who: "signed-in", other: "own" },
  "action app/sign-in/actions.ts#signInAction": { who: "public", other: "none" },
  "action app/settings/tokens/actions.ts#createTokenAction": { who: "signed-in", other: "own" },
  "action app/settings/tokens/actions.ts#revokeTokenAction": { who: "signed-in", other: "own" },
  "action app/decisions/actions.ts#saveDecisionAction": { who: "chief_executive", other: "404" },
  "action app/decisions/actions.ts#submitDecisionAction": { who: "chief_executive", other: "404" },
  "action app/decisions/actions.ts#withdrawDecisionAction": { who: "chief_executive", other: "404" },
  "action app/decisions/actions.ts#addCommentAction": { who: "reader", other: "404" },
  "action app/decisions/[id]/_sections/actions.ts#recordPositionAction": { who: "board", other: "404" },
  "action app/decisions/[id]/_sections/actions.ts#declineAction": { who: "board", other: "404" },
  "action app/decisions/[id]/_sections/actions.ts#recordOutcomeAction": { who: "chief_executive", other: "404" },
  "action app/admin/actions.ts#createOrganisationAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#updateOrganisationAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#createUserAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#resetPasswordAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#setUserDisabledAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#addMembershipAction": { who: "admin", other: "404" },
  "action app/admin/actions.ts#removeMembershipAction": { who: "admin", other: "404" },
};
