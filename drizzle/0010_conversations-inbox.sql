CREATE TYPE "public"."feedback_rating" AS ENUM('up', 'down');--> statement-breakpoint
DROP INDEX "conversations_agent_idx";--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "public_id" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "feedback_rating" "feedback_rating";--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "feedback_comment" text;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "feedback_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "sources" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', content)) STORED;--> statement-breakpoint
-- Nullable here: 0011 fills it from the agent, then makes it NOT NULL.
ALTER TABLE "conversations" ADD COLUMN "organization_id" bigint;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "user_sub" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "user_name" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "user_email" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "resume_secret_hash" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "last_message_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "message_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "feedback_up" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "feedback_down" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "transcript_retention_days" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "store_transcripts" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "conversation_messages_search_idx" ON "conversation_messages" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "conversation_messages_created_idx" ON "conversation_messages" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "conversations_org_activity_idx" ON "conversations" USING btree ("organization_id","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_agent_activity_idx" ON "conversations" USING btree ("agent_id","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "conversations_org_user_idx" ON "conversations" USING btree ("organization_id","user_sub","last_message_at" DESC NULLS LAST,"id" DESC NULLS LAST) WHERE "conversations"."user_sub" is not null;--> statement-breakpoint
CREATE INDEX "conversations_org_visitor_idx" ON "conversations" USING btree ("organization_id","visitor_id");--> statement-breakpoint
CREATE INDEX "conversations_resume_idx" ON "conversations" USING btree ("agent_id","resume_secret_hash");--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_public_id_unique" UNIQUE("public_id");--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_transcript_retention_range" CHECK ("organizations"."transcript_retention_days" is null or "organizations"."transcript_retention_days" between 1 and 3650);