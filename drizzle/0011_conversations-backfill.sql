-- Hand-written: fills the inbox columns of conversations that existed before them, then makes
-- organization_id NOT NULL (0010 added it nullable).
UPDATE "conversations" c SET "organization_id" = a."organization_id"
FROM "agents" a WHERE a."id" = c."agent_id" AND c."organization_id" IS NULL;--> statement-breakpoint
UPDATE "conversations" c SET "message_count" = s.n, "last_message_at" = s.last
FROM (SELECT "conversation_id", count(*)::int AS n, max("created_at") AS last
      FROM "conversation_messages" GROUP BY "conversation_id") s
WHERE s."conversation_id" = c."id";
--> statement-breakpoint
ALTER TABLE "conversations" ALTER COLUMN "organization_id" SET NOT NULL;
