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
export const promptVersionSourceEnum = pgEnum("prompt_version_source", [
  "created",
  "edited",
  "optimized",
  "restored",
]);
export const evalRunStatusEnum = pgEnum("eval_run_status", ["pending", "running", "succeeded", "failed"]);
export const evalRunPurposeEnum = pgEnum("eval_run_purpose", ["manual", "gate"]);
export const feedbackRatingEnum = pgEnum("feedback_rating", ["up", "down"]);
export const identityVerificationEnum = pgEnum("identity_verification", ["off", "optional", "required"]);
export const knowledgeSourceTypeEnum = pgEnum("knowledge_source_type", ["text", "file", "url"]);
const SOURCE_STATUSES = ["pending", "processing", "ready", "failed"] as const;
export const knowledgeSourceStatusEnum = pgEnum("knowledge_source_status", SOURCE_STATUSES);
export const knowledgeSyncEnum = pgEnum("knowledge_sync", ["manual", "daily", "weekly"]);
export const knowledgeCrawlEnum = pgEnum("knowledge_crawl", ["page", "sitemap"]);
