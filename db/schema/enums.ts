import { pgEnum } from "drizzle-orm/pg-core";

// Enums are declared once here; zod schemas derive from `.enumValues`.
export const planEnum = pgEnum("plan", ["free", "pro", "enterprise"]);
export const membershipRoleEnum = pgEnum("membership_role", ["owner", "admin", "member"]);
export const optimizationStatusEnum = pgEnum("optimization_status", [
  "not_requested",
  "pending",
  "running",
  "succeeded",
  "failed",
  "skipped",
]);
export const agentStatusEnum = pgEnum("agent_status", ["active", "disabled"]);
export const actorTypeEnum = pgEnum("actor_type", ["user", "api_key", "system"]);
export const deliveryStatusEnum = pgEnum("delivery_status", ["pending", "succeeded", "failed"]);
export const messageRoleEnum = pgEnum("message_role", ["user", "assistant"]);
export const feedbackRatingEnum = pgEnum("feedback_rating", ["up", "down"]);
