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
ALTER TABLE "org_message_usage" ADD CONSTRAINT "org_message_usage_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_monthly_message_limit_nonnegative" CHECK ("organizations"."monthly_message_limit" is null or "organizations"."monthly_message_limit" >= 0);