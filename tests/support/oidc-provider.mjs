// A real OpenID provider (oidc-provider 8) for the single sign-on tests, on 127.0.0.1 over http.
// Its own login page (devInteractions) accepts any login and password: the login is the account id.
// Accounts are kept in `accounts` (id -> { email, email_verified }); consent is pre-granted.
// Run directly (`node tests/support/oidc-provider.mjs <port> <redirect uri>`) it serves the e2e tests.
import http from "node:http";

export const TEST_CLIENT = { client_id: "fulcrum-test", client_secret: "fulcrum-test-secret-0123456789" };

export async function startOidcProvider({ port = 0, redirectUris, accounts = new Map() }) {
  const { default: Provider } = await import("oidc-provider");
  const server = http.createServer();
  await new Promise((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{ ...TEST_CLIENT, redirect_uris: redirectUris, grant_types: ["authorization_code"], response_types: ["code"] }],
    claims: { openid: ["sub"], email: ["email", "email_verified"] },
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    cookies: { keys: ["fulcrum-test-cookie-key-0123456789"] },
    async findAccount(_ctx, id) {
      const a = accounts.get(id) ?? {};
      return { accountId: id, claims: async () => ({ sub: id, ...a }) };
    },
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  server.on("request", provider.callback());
  return { issuer, accounts, close: () => new Promise((resolve) => server.close(() => resolve(undefined))) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const port = Number(process.argv[2]);
  // The e2e provider: a login that is an e-mail address is an account with that verified e-mail.
  const accounts = { get: (id) => (id.includes("@") ? { email: id, email_verified: true } : undefined) };
  const p = await startOidcProvider({ port, redirectUris: process.argv.slice(3), accounts });
  console.log(`OpenID provider on ${p.issuer}`);
}
