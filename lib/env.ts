import { z } from "zod";

const EnvSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATABASE_MIGRATION_URL: z.string().url().optional(),
  FULCRUM_AUDIT_KEY: z.string().min(32, "FULCRUM_AUDIT_KEY must be at least 32 characters").optional(),
  FULCRUM_DATA_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  FULCRUM_SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  FULCRUM_SESSION_MAX_DAYS: z.coerce.number().positive().default(7),
  FULCRUM_API_RATE_LIMIT: z.coerce.number().int().positive().default(600),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

/** Validated settings (README, "Settings"). Read lazily so scripts can set variables first. */
export function env(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Fulcrum settings are not valid:\n${lines}`);
  }
  cached = parsed.data;
  return cached;
}
