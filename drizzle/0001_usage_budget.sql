CREATE TABLE "agent_usage_daily" (
	"organization_id" bigint NOT NULL,
	"agent_id" bigint NOT NULL,
	"day" date NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "agent_usage_daily_organization_id_day_agent_id_pk" PRIMARY KEY("organization_id","day","agent_id")
);
--> statement-breakpoint
CREATE TABLE "org_message_usage" (
	"organization_id" bigint NOT NULL,
	"month" date NOT NULL,
	"used" integer DEFAULT 0 NOT NULL,
	"notified" smallint DEFAULT 0 NOT NULL,
	"notified_before" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "org_message_usage_organization_id_month_pk" PRIMARY KEY("organization_id","month"),
	CONSTRAINT "org_message_usage_used_nonnegative" CHECK ("org_message_usage"."used" >= 0)
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "monthly_message_limit" integer;--> statement-breakpoint
ALTER TABLE "agent_usage_daily" ADD CONSTRAINT "agent_usage_daily_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agent_usage_daily" ADD CONSTRAINT "agent_usage_daily_agent_id_agents_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."agents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_message_usage" ADD CONSTRAINT "org_message_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_monthly_message_limit_nonnegative" CHECK ("organizations"."monthly_message_limit" is null or "organizations"."monthly_message_limit" >= 0);