// What each kind of message says. Pure. A message names the decision's title and trust, what is
// asked and by when, and links to the page; it never carries the summary, rationale, criteria,
// comment text or £ amounts (mail leaves the system).
import type { notificationKind } from "@/db/schema";
import { formatDate } from "../format";

export type NotificationKind = (typeof notificationKind.enumValues)[number];

/** What a message shows, stored on its outbox row; the text and the HTML are both made from it. */
export type MessageContent = {
  subject: string;
  heading: string;
  paragraphs: string[];
  action: { label: string; url: string } | null;
  /** Absent for messages that cannot be turned off (sign-in links). */
  unsubscribeUrl?: string;
  kindLabel: string;
};

export const KIND_LABELS: Record<NotificationKind, string> = {
  submitted: "A decision needs your position",
  amended: "An amended decision needs your position",
  reminder: "Reminders to record your position",
  objection: "An objection is recorded",
  conflict: "A conflict of interest is declared",
  signed_off: "A decision is signed off",
  declined: "A decision is declined",
  withdrawn: "A decision is withdrawn",
  question: "A question is asked",
  answer: "Your question is answered",
  review_due: "A review of outcomes is due",
  access_change: "Memberships or sign-off policy change",
  password_link: "Set-password and forgot-password links",
  not_ratified: "A Chair's action is not ratified",
};

/** Kinds a person may not turn off or put in a digest. */
export const ALWAYS_AT_ONCE: NotificationKind[] = ["password_link"];

export type DecisionFacts = { id: string; title: string; trustName: string; version: number };

/** The facts each kind needs besides the decision. */
export type MessageFacts =
  | { kind: "submitted" | "amended" | "reminder"; decision: DecisionFacts; respondBy: string; reminderNumber?: number }
  | { kind: "objection" | "conflict"; decision: DecisionFacts; memberName: string }
  | { kind: "signed_off" | "declined" | "withdrawn"; decision: DecisionFacts }
  | { kind: "question"; decision: DecisionFacts; askerName: string }
  | { kind: "answer"; decision: DecisionFacts; answererName: string }
  | { kind: "review_due"; decision: DecisionFacts; criteriaDue: number; judgedBy: string }
  | { kind: "not_ratified"; decision: DecisionFacts; meetingTitle: string; on: string }
  | { kind: "access_change"; trustName: string; change: string; pageUrl: string }
  | { kind: "password_link"; purpose: "set" | "reset"; url: string; expiresAt: Date };

export function buildContent(facts: MessageFacts, link: (path: string) => string): Omit<MessageContent, "unsubscribeUrl"> {
  const kindLabel = KIND_LABELS[facts.kind];
  if (facts.kind === "access_change") {
    return {
      kindLabel,
      subject: `Access changed at ${facts.trustName}`,
      heading: `Access changed at ${facts.trustName}`,
      paragraphs: [facts.change, "If you did not expect this change, tell your Fulcrum administrator."],
      action: { label: "Open Fulcrum", url: facts.pageUrl },
    };
  }
  if (facts.kind === "password_link") {
    const what = facts.purpose === "set" ? "Set your Fulcrum password" : "Reset your Fulcrum password";
    return {
      kindLabel,
      subject: what,
      heading: what,
      paragraphs: [
        `Use the link below to ${facts.purpose === "set" ? "set" : "choose a new"} password. It works once and expires on ${formatDate(facts.expiresAt)} at ${facts.expiresAt.toLocaleTimeString("en-GB", { timeZone: "Europe/London", hour: "2-digit", minute: "2-digit" })}.`,
        "If you did not ask for this, you can ignore this message: your password stays as it is.",
      ],
      action: { label: what, url: facts.url },
    };
  }
  const d = facts.decision;
  const where = `${d.title} (${d.trustName})`;
  const page = link(`/decisions/${d.id}`);
  const signOff = link(`/decisions/${d.id}#sign-off-heading`);
  switch (facts.kind) {
    case "submitted":
    case "amended":
    case "reminder": {
      const subject =
        facts.kind === "reminder" ? `Reminder: your position is needed: ${d.title}` : facts.kind === "amended" ? `Your position is needed again: ${d.title}` : `Your position is needed: ${d.title}`;
      const first =
        facts.kind === "amended"
          ? `${where} has been amended: version ${d.version} is now awaiting sign-off, and positions on earlier versions no longer count.`
          : facts.kind === "reminder"
            ? `${where} is still awaiting sign-off, and you have not recorded a position on version ${d.version}.`
            : `${where} has been submitted to the board for sign-off.`;
      return {
        kindLabel,
        subject,
        heading: "Your position is needed",
        paragraphs: [first, `Please read version ${d.version} and record your position (support, object or abstain) by ${formatDate(facts.respondBy)}.`],
        action: { label: "Record your position", url: signOff },
      };
    }
    case "objection":
    case "conflict": {
      const what = facts.kind === "objection" ? "recorded an objection to" : "declared a conflict of interest on";
      return {
        kindLabel,
        subject: facts.kind === "objection" ? `Objection recorded: ${d.title}` : `Conflict of interest declared: ${d.title}`,
        heading: facts.kind === "objection" ? "An objection is recorded" : "A conflict of interest is declared",
        paragraphs: [`${facts.memberName} ${what} version ${d.version} of ${where}.`, "Read it on the decision's page."],
        action: { label: "Open the sign-off panel", url: signOff },
      };
    }
    case "signed_off":
    case "declined":
    case "withdrawn": {
      const word = { signed_off: "signed off", declined: "declined", withdrawn: "withdrawn" }[facts.kind];
      return {
        kindLabel,
        subject: `Decision ${word}: ${d.title}`,
        heading: `Decision ${word}`,
        paragraphs: [`${where} has been ${word} (version ${d.version}).`],
        action: { label: "Open the decision", url: page },
      };
    }
    case "question":
      return {
        kindLabel,
        subject: `Question asked: ${d.title}`,
        heading: "A question is asked",
        paragraphs: [`${facts.askerName} asked a question about ${where}.`, "Read it and answer on the decision's page."],
        action: { label: "Read the question", url: link(`/decisions/${d.id}#comments`) },
      };
    case "answer":
      return {
        kindLabel,
        subject: `Your question is answered: ${d.title}`,
        heading: "Your question is answered",
        paragraphs: [`${facts.answererName} answered your question about ${where}.`],
        action: { label: "Read the answer", url: link(`/decisions/${d.id}#comments`) },
      };
    case "review_due":
      return {
        kindLabel,
        subject: `Review due: ${d.title}`,
        heading: "A review of outcomes is due",
        paragraphs: [
          `${facts.criteriaDue === 1 ? "A success criterion" : `${facts.criteriaDue} success criteria`} of ${where} ${facts.criteriaDue === 1 ? "was" : "were"} to be judged by ${formatDate(facts.judgedBy)} and ${facts.criteriaDue === 1 ? "has" : "have"} no assessment yet.`,
          "Record the outcomes on the decision's page.",
        ],
        action: { label: "Record outcomes", url: page },
      };
    case "not_ratified":
      return {
        kindLabel,
        subject: `Chair's action not ratified: ${d.title}`,
        heading: "A Chair's action is not ratified",
        paragraphs: [
          `The board did not ratify ${where}, signed off between meetings by Chair's action, at ${facts.meetingTitle} on ${formatDate(facts.on)}.`,
          "It stays in the record as signed off and not ratified. Read the board's resolution on the decision's page.",
        ],
        action: { label: "Open the decision", url: page },
      };
  }
}

/** The plain-text body. */
export function renderText(c: MessageContent): string {
  const lines = [c.heading, "", ...c.paragraphs.flatMap((p) => [p, ""])];
  if (c.action) lines.push(`${c.action.label}: ${c.action.url}`, "");
  lines.push("-- ", "Fulcrum, the decision log for NHS trust boards.");
  if (c.unsubscribeUrl) lines.push(`You get this because of your e-mail settings (${c.kindLabel.toLowerCase()}). To stop these e-mails: ${c.unsubscribeUrl}`);
  return lines.join("\n");
}

/** One digest of several messages to one person. */
export function digestContent(items: MessageContent[], delivery: "daily" | "weekly"): MessageContent {
  const n = items.length;
  return {
    kindLabel: delivery === "daily" ? "Daily digest" : "Weekly digest",
    subject: `Your ${delivery} Fulcrum digest: ${n} ${n === 1 ? "update" : "updates"}`,
    heading: `Your ${delivery} digest`,
    paragraphs: items.map((i) => `${i.heading}: ${i.paragraphs[0]}${i.action ? ` ${i.action.label}: ${i.action.url}` : ""}`),
    action: null,
  };
}
