CREATE TABLE "usage_daily" (
	"organization_id" bigint NOT NULL,
	"day" date NOT NULL,
	"agent_id" bigint NOT NULL,
	"messages" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "usage_daily_organization_id_day_agent_id_pk" PRIMARY KEY("organization_id","day","agent_id")
);
--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "input_tokens" integer;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD COLUMN "output_tokens" integer;--> statement-breakpoint
ALTER TABLE "usage_daily" ADD CONSTRAINT "usage_daily_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;