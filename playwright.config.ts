import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT || 3100);
const dataDir = process.env.E2E_DATA_DIR || "data-e2e";
// A local SMTP catcher (scripts/smtp-catcher.mjs) in this run's port range: the app sends its e-mail
// there, and tests read what arrived from its HTTP side (tests/e2e/mail.ts).
export const SMTP_CATCHER_PORT = port + 21;
export const SMTP_CATCHER_HTTP_PORT = port + 22;
// A real OpenID provider (tests/support/oidc-provider.mjs) for single sign-on, in the same range.
export const OIDC_PROVIDER_PORT = port + 23;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  // npm test also asks for a JSON summary (PLAYWRIGHT_JSON_OUTPUT_FILE) to count every test at the end.
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? [["list"], ["json"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        },
      },
    },
  ],
  webServer: [
    {
      command: "node scripts/smtp-catcher.mjs",
      url: `http://127.0.0.1:${SMTP_CATCHER_HTTP_PORT}/`,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
      env: { SMTP_CATCHER_PORT: String(SMTP_CATCHER_PORT), SMTP_CATCHER_HTTP_PORT: String(SMTP_CATCHER_HTTP_PORT) },
    },
    {
      command: `node tests/support/oidc-provider.mjs ${OIDC_PROVIDER_PORT} http://127.0.0.1:${port}/api/auth/callback/oidc`,
      url: `http://127.0.0.1:${OIDC_PROVIDER_PORT}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A fresh embedded database per run (or DATABASE_URL's PostgreSQL), on its own port.
      command: `rm -rf ${dataDir} && npx next start -p ${port}`,
      url: `http://127.0.0.1:${port}/sign-in`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        FULCRUM_DATA_DIR: dataDir,
        FULCRUM_DEMO: "1",
        NEXT_TELEMETRY_DISABLED: "1",
        AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
        ...(process.env.E2E_DATABASE_URL ? { DATABASE_URL: process.env.E2E_DATABASE_URL } : {}),
        FULCRUM_SMTP_URL: `smtp://127.0.0.1:${SMTP_CATCHER_PORT}`,
        FULCRUM_URL: `http://127.0.0.1:${port}`,
        FULCRUM_MAIL_INTERVAL_SECONDS: "2",
        AUTH_OIDC_ISSUER: `http://127.0.0.1:${OIDC_PROVIDER_PORT}`,
        AUTH_OIDC_ID: "fulcrum-test",
        AUTH_OIDC_SECRET: "fulcrum-test-secret-0123456789",
        // Not the default ("Sign in with …"): other specs press the password form's "Sign in".
        AUTH_OIDC_NAME: "Use your organisation's account",
      },
    },
  ],
});
