// The webhook event types an endpoint can subscribe to (API.md), with what each means. Kept free
// of imports so the dashboard's client form can list them without pulling zod into the bundle.
export const WEBHOOK_EVENT_DESCRIPTIONS = {
  "agent.created": "An agent was created.",
  "agent.deleted": "An agent was deleted.",
  "agent.optimization.succeeded": "A prompt optimization finished.",
  "agent.optimization.failed": "A prompt optimization failed.",
  "usage.threshold": "The month's messages crossed 80 % or 100 % of the plan.",
  "agent.eval.completed": "An evaluation run finished.",
  "conversation.started": "A visitor started a conversation.",
  "conversation.feedback": "A visitor rated an answer (or changed the rating).",
} as const;

export type SubscribableEventType = keyof typeof WEBHOOK_EVENT_DESCRIPTIONS;

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_DESCRIPTIONS) as [
  SubscribableEventType,
  ...SubscribableEventType[],
];
