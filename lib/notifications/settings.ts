import { z } from "zod";

// Mail settings (README, "E-mail notifications"). Read at call time so tests and scripts can set them.
const MailSettingsSchema = z
  .object({
    FULCRUM_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, "FULCRUM_SMTP_URL must start with smtp:// or smtps://")
      .optional(),
    FULCRUM_MAIL_FROM: z.string().min(3).default("Fulcrum <fulcrum@localhost>"),
    FULCRUM_URL: z.string().url("FULCRUM_URL must be a full address such as https://fulcrum.example.nhs.uk").optional(),
    FULCRUM_REMINDER_DAYS: z.coerce.number().int().min(1, "FULCRUM_REMINDER_DAYS must be 1 or more").max(60).default(5),
    FULCRUM_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    FULCRUM_MAIL_SENDER: z.enum(["on", "off"], { message: "FULCRUM_MAIL_SENDER must be on or off" }).default("on"),
  })
  .superRefine((v, ctx) => {
    if (v.FULCRUM_SMTP_URL && !v.FULCRUM_URL) ctx.addIssue({ code: "custom", path: ["FULCRUM_URL"], message: "FULCRUM_URL is required when FULCRUM_SMTP_URL is set (it is the address used in the links)" });
  });

export type MailSettings = { smtpUrl: string | null; from: string; baseUrl: string; reminderDays: number; intervalMs: number; senderOn: boolean };

export function mailSettings(): MailSettings {
  const parsed = MailSettingsSchema.safeParse(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== "")));
  if (!parsed.success) throw new Error(`Fulcrum mail settings are not valid:\n${parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n")}`);
  const v = parsed.data;
  const port = process.env.PORT ?? "3000";
  return { smtpUrl: v.FULCRUM_SMTP_URL ?? null, from: v.FULCRUM_MAIL_FROM, baseUrl: (v.FULCRUM_URL ?? `http://localhost:${port}`).replace(/\/+$/, ""), reminderDays: v.FULCRUM_REMINDER_DAYS, intervalMs: v.FULCRUM_MAIL_INTERVAL_SECONDS * 1000, senderOn: v.FULCRUM_MAIL_SENDER === "on" };
}

/** An absolute link to a page of this Fulcrum. */
export function absoluteUrl(path: string): string {
  return `${mailSettings().baseUrl}${path}`;
}
