export const TEST_CLIENT: { client_id: string; client_secret: string };
export type TestAccount = { email?: string; email_verified?: boolean };
export function startOidcProvider(opts: { port?: number; redirectUris: string[]; accounts?: Map<string, TestAccount> }): Promise<{
  issuer: string;
  accounts: Map<string, TestAccount>;
  close: () => Promise<void>;
}>;
