import { eventType } from "inngest";
import { z } from "zod";
import type { SubscribableEventType } from "@/lib/webhooks/event-types";

// Event names are `domain/noun.verb`; payloads carry public ids only (never internal numeric ids),
// except organization_id, which is the concurrency key and never leaves the job system.
export const OPTIMIZE_REQUESTED = "agent/prompt.optimize.requested";
export const WEBHOOK_DELIVERY_REQUESTED = "webhook/delivery.requested";
export const EVAL_RUN_REQUESTED = "agent/eval.run.requested";
export const KNOWLEDGE_SYNC_REQUESTED = "knowledge/source.sync.requested";

export const optimizeRequestedSchema = z.object({
  organization_id: z.number().int().positive(),
  agent_public_id: z.uuid(),
  prompt_version: z.number().int().positive(),
  // Marks one request cycle: a re-optimize of the same prompt version gets a new event id.
  requested_at: z.string(),
});
export type OptimizeRequested = z.infer<typeof optimizeRequestedSchema>;

export const webhookDeliveryRequestedSchema = z.object({
  organization_id: z.number().int().positive(),
  delivery_public_id: z.uuid(),
});
export type WebhookDeliveryRequested = z.infer<typeof webhookDeliveryRequestedSchema>;

export const evalRunRequestedSchema = z.object({
  organization_id: z.number().int().positive(),
  run_public_id: z.uuid(),
});
export type EvalRunRequested = z.infer<typeof evalRunRequestedSchema>;
export const evalRunRequested = eventType(EVAL_RUN_REQUESTED, { schema: evalRunRequestedSchema });

export const knowledgeSyncRequestedSchema = z.object({
  organization_id: z.number().int().positive(),
  source_public_id: z.uuid(),
  // One sync request: a re-sync of the same source gets a new event id.
  requested_at: z.string(),
});
export type KnowledgeSyncRequested = z.infer<typeof knowledgeSyncRequestedSchema>;
export const knowledgeSyncRequested = eventType(KNOWLEDGE_SYNC_REQUESTED, {
  schema: knowledgeSyncRequestedSchema,
});

export const optimizeRequested = eventType(OPTIMIZE_REQUESTED, { schema: optimizeRequestedSchema });
export const webhookDeliveryRequested = eventType(WEBHOOK_DELIVERY_REQUESTED, {
  schema: webhookDeliveryRequestedSchema,
});

/**
 * Deterministic: the create/flush/retry paths of one request cycle produce the same id, so
 * Inngest's 24 h event-id dedupe collapses them; a new cycle (re-optimize) has a new requested_at.
 */
export function optimizeEventId(
  agentPublicId: string,
  promptVersion: number,
  requestedAt: Date | null,
): string {
  const cycle = requestedAt ? `:${requestedAt.getTime()}` : "";
  return `${agentPublicId}:v${promptVersion}${cycle}`;
}

export { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/event-types";
export type WebhookEventType = SubscribableEventType | "webhook.test";
