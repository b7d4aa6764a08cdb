DROP INDEX "conversations_org_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_agent_activity_idx";--> statement-breakpoint
DROP INDEX "conversations_org_user_idx";--> statement-breakpoint
CREATE INDEX "conversations_org_rated_up_idx" ON "conversations" USING btree ("organization_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."feedback_up" > 0;--> statement-breakpoint
CREATE INDEX "conversations_org_rated_down_idx" ON "conversations" USING btree ("organization_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."feedback_down" > 0;--> statement-breakpoint
CREATE INDEX "conversations_org_activity_idx" ON "conversations" USING btree ("organization_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_agent_activity_idx" ON "conversations" USING btree ("agent_id","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "conversations_org_user_idx" ON "conversations" USING btree ("organization_id","user_sub","last_message_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE "conversations"."user_sub" is not null;