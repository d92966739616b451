import "server-only";
// E-mail notifications (issue 12). The domain calls events.ts inside its transactions; other concerns
// write their own kinds through enqueueNotification / enqueuePasswordLink / notifyAccessChange.
export { enqueueNotification, deliveryFor, type EnqueueInput, type Delivery } from "./outbox";
export { notifyDecision, notifyPosition, notifyComment, notifyAccessChange, enqueuePasswordLink } from "./events";
export { KIND_LABELS, ALWAYS_AT_ONCE, type NotificationKind, type MessageContent, type MessageFacts } from "./content";
export { unsubscribe, describeUnsubscribe, unsubscribeUrl } from "./unsubscribe";
