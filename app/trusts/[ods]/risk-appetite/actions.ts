"use server";

import { z } from "zod";
import { redirectAfter, validatedActionWithActor } from "@/lib/actions";
import { RISK_DOMAINS, setRiskAppetite } from "@/lib/risk-appetite";

/** The risk appetite form: one level and one sentence per domain ("domains.finance.level"), the reason, the version it started from. */
export const setRiskAppetiteAction = validatedActionWithActor(z.record(z.string(), z.unknown()), async ({ actor, formData }, ods: string) => {
  const get = (k: string) => String(formData.get(k) ?? "");
  await setRiskAppetite(actor, ods, {
    baseVersion: get("baseVersion"),
    note: get("note"),
    domains: Object.fromEntries(RISK_DOMAINS.map((d) => [d, { level: get(`domains.${d}.level`), statement: get(`domains.${d}.statement`) }])),
  });
  const path = `/trusts/${encodeURIComponent(ods)}/risk-appetite`;
  return redirectAfter(`${path}?saved=1`, path, `${path}/versions`);
});
