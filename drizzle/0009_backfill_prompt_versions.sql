-- Hand-written: every existing agent gets its current prompt as version 1 ("created", by the
-- system) and, when it has an optimization result, that result as version 2 ("optimized").
-- Idempotent: agents that already have versions are skipped.
INSERT INTO "agent_prompt_versions" ("organization_id", "agent_id", "version", "source", "system_prompt", "created_by_type", "created_by_name", "created_at")
SELECT a."organization_id", a."id", 1, 'created', a."system_prompt", 'system', 'Migration (prompt at upgrade)', a."created_at"
FROM "agents" a
WHERE NOT EXISTS (SELECT 1 FROM "agent_prompt_versions" v WHERE v."agent_id" = a."id");
--> statement-breakpoint
INSERT INTO "agent_prompt_versions" ("organization_id", "agent_id", "version", "source", "system_prompt", "rationale", "created_by_type", "created_by_name", "created_at")
SELECT a."organization_id", a."id", 2, 'optimized', a."optimized_system_prompt", a."optimization_rationale", 'system', 'Prompt optimizer', coalesce(a."optimization_updated_at", a."updated_at")
FROM "agents" a
WHERE a."optimized_system_prompt" IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM "agent_prompt_versions" v WHERE v."agent_id" = a."id" AND v."version" = 2);
