CREATE TYPE "public"."eval_run_purpose" AS ENUM('manual', 'gate');--> statement-breakpoint
CREATE TYPE "public"."eval_run_status" AS ENUM('pending', 'running', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."prompt_version_source" AS ENUM('created', 'edited', 'optimized', 'restored');--> statement-breakpoint
CREATE TABLE "agent_eval_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_eval_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"run_id" bigint NOT NULL,
	"case_id" text NOT NULL,
	"position" integer NOT NULL,
	"input" text NOT NULL,
	"reply" text NOT NULL,
	"verdicts" jsonb NOT NULL,
	"score" real NOT NULL,
	"passed" boolean NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agent_eval_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_eval_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"suite_revision" integer NOT NULL,
	"prompt_version" integer,
	"system_prompt" text NOT NULL,
	"cases" jsonb NOT NULL,
	"purpose" "eval_run_purpose" DEFAULT 'manual' NOT NULL,
	"status" "eval_run_status" DEFAULT 'pending' NOT NULL,
	"cases_total" integer NOT NULL,
	"cases_done" integer DEFAULT 0 NOT NULL,
	"expected_calls" integer NOT NULL,
	"score" real,
	"passed" boolean,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "agent_eval_runs_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
CREATE TABLE "agent_eval_suites" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "agent_eval_suites_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"public_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"cases" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agent_eval_suites_public_id_unique" UNIQUE("public_id")
);
--> statement-breakpoint
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
	"eval_run_id" bigint,
	"eval_suite_id" uuid,
	"eval_score" real,
	"eval_passed" boolean,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "agent_eval_results" ADD CONSTRAINT "agent_eval_results_run_id_agent_eval_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."agent_eval_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_eval_runs" ADD CONSTRAINT "agent_eval_runs_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_eval_runs" ADD CONSTRAINT "agent_eval_runs_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_eval_suites" ADD CONSTRAINT "agent_eval_suites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_eval_suites" ADD CONSTRAINT "agent_eval_suites_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_prompt_versions" ADD CONSTRAINT "agent_prompt_versions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_prompt_versions" ADD CONSTRAINT "agent_prompt_versions_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "agent_eval_results_run_case_unique" ON "agent_eval_results" USING btree ("run_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_eval_runs_one_active" ON "agent_eval_runs" USING btree ("agent_id") WHERE "agent_eval_runs"."status" in ('pending', 'running') and "agent_eval_runs"."purpose" = 'manual';--> statement-breakpoint
CREATE INDEX "agent_eval_runs_agent_newest" ON "agent_eval_runs" USING btree ("agent_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_eval_suites_agent_unique" ON "agent_eval_suites" USING btree ("agent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_prompt_versions_agent_version_unique" ON "agent_prompt_versions" USING btree ("agent_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "agent_prompt_versions_agent_idempotency_key_unique" ON "agent_prompt_versions" USING btree ("agent_id","idempotency_key") WHERE "agent_prompt_versions"."idempotency_key" is not null;