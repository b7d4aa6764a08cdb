CREATE TYPE "public"."prompt_version_source" AS ENUM('created', 'edited', 'optimized', 'restored');--> statement-breakpoint
CREATE TABLE "agent_prompt_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_prompt_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organization_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"source" "prompt_version_source" NOT NULL,
	"system_prompt" text NOT NULL,
	"rationale" text,
	"created_by_type" "actor_type" NOT NULL,
	"created_by_name" text NOT NULL,
	"restored_from_version" integer,
	"idempotency_key" text,
	"request_fingerprint" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_prompt_versions" ADD CONSTRAINT "agent_prompt_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_prompt_versions" ADD CONSTRAINT "agent_prompt_versions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_prompt_versions_agent_version_unique" ON "agent_prompt_versions" USING btree ("agent_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_prompt_versions_agent_idempotency_key_unique" ON "agent_prompt_versions" USING btree ("agent_id","idempotency_key") WHERE "agent_prompt_versions"."idempotency_key" is not null;