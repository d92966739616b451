import type { DecisionDto } from "@/lib/decisions";
export type SectionProps = { d: DecisionDto };
